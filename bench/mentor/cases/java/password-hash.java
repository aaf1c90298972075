package com.acme.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public class PasswordService {
    private final UserRepository users;

    public PasswordService(UserRepository users) {
        this.users = users;
    }

    public void register(String email, String password) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] hashed = digest.digest(password.getBytes(StandardCharsets.UTF_8));
        String Hex_value = HexFormat.of().formatHex(hashed);
        users.save(email, Hex_value);
    }
}
