package com.acme.sessions;

import java.util.HexFormat;
import java.util.Random;

public class SessionIds {
    private static final int SESSION_ID_BYTES = 16;

    public String newSessionId() {
        byte[] bytes = new byte[SESSION_ID_BYTES];
        new Random().nextBytes(bytes);
        String Session_id = HexFormat.of().formatHex(bytes);
        return Session_id;
    }
}
