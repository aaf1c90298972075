package com.acme.orders;

import java.util.List;
import java.util.stream.Collectors;

public class OrderService {
    private final OrderRepository repository;

    public OrderService(OrderRepository repository) {
        this.repository = repository;
    }

    public List<Order> shippedOrders(String customerId) {
        List<Order> all_orders = repository.findByCustomer(customerId);
        return all_orders.stream()
                .filter(order -> order.getStatus() == "SHIPPED")
                .collect(Collectors.toList());
    }
}
