package dev.fer.detector.haar;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One element of an OpenCV {@code FileStorage} XML file, with the line it starts on so that errors
 * can point at it. OpenCV writes sequences as {@code <_>} children and numeric vectors as
 * whitespace-separated text; this class reads both and nothing more.
 */
final class XmlNode {
    final String name;
    final int line;
    final List<XmlNode> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private final String source;

    private XmlNode(String name, int line, String source) {
        this.name = name;
        this.line = line;
        this.source = source;
    }

    /** Parses a whole document; returns its root element ({@code opencv_storage}). */
    static XmlNode parse(InputStream in, String source) throws IOException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<XmlNode> stack = new ArrayList<>();
        XmlNode root = null;
        try {
            XMLStreamReader r = factory.createXMLStreamReader(in);
            while (r.hasNext()) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        XmlNode node = new XmlNode(r.getLocalName(), r.getLocation().getLineNumber(), source);
                        if (stack.isEmpty()) {
                            root = node;
                        } else {
                            stack.getLast().children.add(node);
                        }
                        stack.add(node);
                    }
                    case XMLStreamConstants.END_ELEMENT -> stack.removeLast();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!stack.isEmpty()) {
                            stack.getLast().text.append(r.getText());
                        }
                    }
                    default -> { }
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
            throw new CascadeFormatException(source + ": line " + line + ": not well-formed XML: " + e.getMessage(), e);
        }
        if (root == null) {
            throw new CascadeFormatException(source + ": empty file, no XML element");
        }
        return root;
    }

    /** The child element with that name, or null. */
    XmlNode find(String childName) {
        for (XmlNode c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    /** The child element with that name; a {@link CascadeFormatException} when it is missing. */
    XmlNode child(String childName) {
        XmlNode c = find(childName);
        if (c == null) {
            throw error("<" + name + "> has no <" + childName + ">");
        }
        return c;
    }

    /** The {@code <_>} items of a sequence element. */
    List<XmlNode> items() {
        return children;
    }

    String text() {
        return text.toString().trim();
    }

    /** The whitespace-separated values of the element's text. */
    String[] tokens() {
        String t = text();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }

    int intValue() {
        String[] t = tokens();
        if (t.length != 1) {
            throw error("<" + name + "> should hold one integer, found '" + text() + "'");
        }
        return parseInt(t[0]);
    }

    /** OpenCV reads every real as a double and narrows it where it stores a float. */
    double doubleValue() {
        String[] t = tokens();
        if (t.length != 1) {
            throw error("<" + name + "> should hold one number, found '" + text() + "'");
        }
        return parseDouble(t[0]);
    }

    int parseInt(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            // OpenCV's FileStorage accepts "3." where an integer is expected
            double d = parseDouble(token);
            if (d != Math.rint(d)) {
                throw error("<" + name + ">: '" + token + "' is not an integer");
            }
            return (int) d;
        }
    }

    double parseDouble(String token) {
        try {
            return Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw error("<" + name + ">: '" + token + "' is not a number");
        }
    }

    CascadeFormatException error(String what) {
        return new CascadeFormatException(source + ": line " + line + ": " + what);
    }
}
