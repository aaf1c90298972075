package com.acme.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

public class ConfigLoader {
    private static final String default_file = "app.properties";

    public Properties load(Path dir) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(default_file))) {
            properties.load(in);
        } catch (IOException e) {
        }
        return properties;
    }
}
