package dev.dealroom.document;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

/** Small but genuine files of the kinds people share, made on the spot: what a real upload's bytes look like. */
final class SampleFiles {

    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final String OFFICE_DOCUMENT =
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";

    private SampleFiles() {
    }

    /** A one-page PDF with a correct cross-reference table. */
    static byte[] pdf() {
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.7\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(offset -> pdf.append("%010d 00000 n \n".formatted(offset)));
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A 4×4 image in the given ImageIO format ({@code png}, {@code jpg}, {@code gif}). */
    static byte[] image(String format) {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, Color.ORANGE.getRGB());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A 1×1 lossless WebP image. */
    static byte[] webp() {
        return HexFormat.of().parseHex("524946461a000000574542505650384c0d0000002f00000010071011118888fe0700");
    }

    static byte[] docx() {
        return ooxml("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                "word/document.xml", """
                        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
                        <w:body><w:p><w:r><w:t>Pilot results</w:t></w:r></w:p></w:body></w:document>""",
                Map.of());
    }

    static byte[] xlsx() {
        Map<String, String> sheet = new LinkedHashMap<>();
        sheet.put("xl/_rels/workbook.xml.rels", """
                <Relationships xmlns="%s"><Relationship Id="rId1" Target="worksheets/sheet1.xml" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>\
                </Relationships>""".formatted(RELATIONSHIPS));
        sheet.put("xl/worksheets/sheet1.xml", """
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
                <row r="1"><c r="A1" t="inlineStr"><is><t>latency</t></is></c><c r="B1"><v>42</v></c></row>\
                </sheetData></worksheet>""");
        return ooxml("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                "xl/workbook.xml", """
                        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                        <sheets><sheet name="Pilot" sheetId="1" r:id="rId1"/></sheets></workbook>""",
                sheet);
    }

    static byte[] pptx() {
        return ooxml("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
                "ppt/presentation.xml", """
                        <p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">\
                        <p:sldSz cx="9144000" cy="6858000"/></p:presentation>""",
                Map.of());
    }

    /** A macro-enabled workbook: an Office type documents may not have. */
    static byte[] xlsm() {
        return ooxml("application/vnd.ms-excel.sheet.macroEnabled.main+xml", "xl/workbook.xml", """
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>""", Map.of());
    }

    /** The start of a Windows executable: the MZ header and the DOS stub's message. */
    static byte[] windowsExecutable() {
        byte[] bytes = new byte[512];
        bytes[0] = 'M';
        bytes[1] = 'Z';
        bytes[0x3c] = (byte) 0x80;
        byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stub, 0, bytes, 0x4e, stub.length);
        bytes[0x80] = 'P';
        bytes[0x81] = 'E';
        return bytes;
    }

    /** An Office Open XML package: content types, the package relationship, the main part and its own parts. */
    private static byte[] ooxml(String mainContentType, String mainPart, String mainXml, Map<String, String> parts) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/%s" ContentType="%s"/></Types>""".formatted(mainPart, mainContentType));
        entries.put("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="%s"><Relationship Id="rId1" Type="%s" Target="%s"/></Relationships>"""
                .formatted(RELATIONSHIPS, OFFICE_DOCUMENT, mainPart));
        entries.put(mainPart, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + mainXml);
        entries.putAll(parts);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
