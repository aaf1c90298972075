package com.acme.auth;

import java.util.logging.Logger;

public class LoginService {
    private static final Logger LOGGER = Logger.getLogger(LoginService.class.getName());
    private final UserRepository users;

    public LoginService(UserRepository users) {
        this.users = users;
    }

    public boolean login(String username, String password) {
        LOGGER.info("login attempt for " + username + " with password " + password);
        User found_user = users.findByUsername(username);
        return found_user != null && found_user.passwordMatches(password);
    }
}
