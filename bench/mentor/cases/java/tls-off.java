package com.acme.partners;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import javax.net.ssl.HttpsURLConnection;

public class PartnerFeed {
    private static final int TIMEOUT_MS = 10_000;

    public byte[] download(String address) throws IOException {
        HttpsURLConnection connection = (HttpsURLConnection) new URL(address).openConnection();
        connection.setHostnameVerifier((hostname, session) -> true);
        connection.setConnectTimeout(TIMEOUT_MS);
        connection.setReadTimeout(TIMEOUT_MS);
        try (InputStream body = connection.getInputStream()) {
            byte[] feed_bytes = body.readAllBytes();
            return feed_bytes;
        }
    }
}
