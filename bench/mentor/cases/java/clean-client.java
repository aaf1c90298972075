package com.acme.inventory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * A client for the inventory service. Every request has a timeout, so a stalled
 * service cannot hold the caller's thread.
 */
public final class InventoryClient {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final URI baseUri;

    public InventoryClient(URI baseUri) {
        this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Returns the stock level of the given SKU as the service reports it.
     *
     * @throws IOException if the service cannot be reached or answers with an error
     */
    public String stockLevel(String sku) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("stock/" + sku))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("stock of " + sku + ": HTTP " + response.statusCode());
        }
        return response.body();
    }
}
