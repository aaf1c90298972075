package com.acme.documents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class DocumentServlet extends HttpServlet {
    private static final Path DOCUMENT_ROOT = Path.of("/srv/documents");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String document_name = request.getParameter("name");
        Path file = DOCUMENT_ROOT.resolve(document_name);
        response.setContentType("application/pdf");
        Files.copy(file, response.getOutputStream());
    }
}
