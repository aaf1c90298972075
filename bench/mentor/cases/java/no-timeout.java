package com.acme.orders;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class OrderClient {
    private final HttpClient client = HttpClient.newHttpClient();
    private final String baseUrl;

    public OrderClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String fetch_order(String orderId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/orders/" + orderId))
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /orders/" + orderId + " answered " + response.statusCode());
        }
        return response.body();
    }
}
