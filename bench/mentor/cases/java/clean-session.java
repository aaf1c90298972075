package com.acme.sessions;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.logging.Logger;

public class SessionFactory {
    private static final Logger LOGGER = Logger.getLogger(SessionFactory.class.getName());
    private static final int SESSION_ID_BYTES = 32;
    private final SecureRandom random = new SecureRandom();

    public String newSessionId(String username) {
        byte[] bytes = new byte[SESSION_ID_BYTES];
        random.nextBytes(bytes);
        LOGGER.info("new session for " + username);
        return HexFormat.of().formatHex(bytes);
    }
}
