package com.acme.media;

import java.io.IOException;

public class Thumbnailer {
    private final String outputDir;

    public Thumbnailer(String outputDir) {
        this.outputDir = outputDir;
    }

    public int make_thumbnail(String uploadedFile) throws IOException, InterruptedException {
        String command = "convert " + uploadedFile + " -resize 200x200 " + outputDir + "/thumb.png";
        Process process = Runtime.getRuntime().exec(new String[] {"sh", "-c", command});
        return process.waitFor();
    }
}
