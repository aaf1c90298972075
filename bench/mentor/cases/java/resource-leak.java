package com.acme.reports;

import java.io.BufferedReader;
import java.io.FileReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

public class ReportReader {
    public List<String[]> read_rows(String path) throws IOException {
        BufferedReader reader = new BufferedReader(new FileReader(path));
        List<String[]> rows = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            rows.add(line.split(","));
        }
        return rows;
    }
}
