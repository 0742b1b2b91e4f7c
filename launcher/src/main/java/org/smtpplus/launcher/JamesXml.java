package org.smtpplus.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * A James XML configuration file of SMTPPLUS_HOME/conf, edited as XML (the JDK's DOM): a server is found by its
 * {@code <jmxName>}, a setting by its element name, and the file is written back with its comments and layout. So
 * whitespace, comments, attribute order or a self-closed element in conf/ cannot stop a setting from applying, and
 * a server or element that is missing stops the launcher with an IOException naming the file and the element.
 *
 * <p>Chosen over James's own {@code ${env:NAME}} interpolation in the shipped XML. commons-configuration2 2.8, which
 * James 3.8.1 reads its XML with, would take defaults ({@code ${env:SMTPPLUS_SMTP_PORT:-2525}} reads 2525 when the
 * variable is unset), so a drop-in copy of conf/ would still work; but the James it is dropped into would then read
 * SMTPPLUS_* variables of its own environment unchecked, where the launcher checks every value, and binds the ports
 * it then writes, before James starts; and {@code <helloName autodetect="true"/>} becomes a name only by changing
 * the attribute and the text together. The shipped conf/ stays plain James configuration.
 */
final class JamesXml {
    private final Path file;
    private final Document document;

    private JamesXml(Path file, Document document) {
        this.file = file;
        this.document = document;
    }

    static JamesXml read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new JamesXml(file, builderFactory().newDocumentBuilder().parse(in, file.toUri().toString()));
        } catch (SAXParseException e) {
            throw new IOException(file + " is not well-formed XML (line " + e.getLineNumber() + "): " + e.getMessage(), e);
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException(file + " cannot be read as XML: " + e.getMessage(), e);
        }
    }

    /** The one {@code <tag>} under the root whose {@code <jmxName>} is {@code jmxName}, as James names its servers. */
    Section byJmxName(String tag, String jmxName) throws IOException {
        List<Element> matching = new ArrayList<>();
        for (Element candidate : children(document.getDocumentElement(), tag)) {
            List<Element> names = children(candidate, "jmxName");
            if (names.size() == 1 && names.get(0).getTextContent().trim().equals(jmxName)) {
                matching.add(candidate);
            }
        }
        String described = "<" + tag + "> with <jmxName>" + jmxName + "</jmxName>";
        if (matching.size() != 1) {
            throw new IOException(file + " has " + (matching.isEmpty() ? "no" : String.valueOf(matching.size())) + " "
                + described + ": keep the servers of the shipped conf/");
        }
        return new Section(matching.get(0), described);
    }

    void write() throws IOException {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            // DOM keeps no line breaks outside the root element: each top-level node (comments, the root) on a line of
            // its own, as in conf/.
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.UTF_8));
                for (Node node = document.getFirstChild(); node != null; node = node.getNextSibling()) {
                    transformer.transform(new DOMSource(node), new StreamResult(out));
                    out.write('\n');
                }
            }
        } catch (TransformerException e) {
            throw new IOException(file + " could not be written: " + e.getMessage(), e);
        }
    }

    /** One element of the file, such as an {@code <smtpserver>}, whose settings are its child elements. */
    final class Section {
        private final Element element;
        private final String described;

        private Section(Element element, String described) {
            this.element = element;
            this.described = described;
        }

        /** The text of the one child {@code <name>}, whatever it held before (whitespace and comments included). */
        Section set(String name, String text) throws IOException {
            child(name).setTextContent(text);
            return this;
        }

        Section setAttribute(String name, String attribute, String value) throws IOException {
            child(name).setAttribute(attribute, value);
            return this;
        }

        private Element child(String name) throws IOException {
            List<Element> found = children(element, name);
            if (found.size() != 1) {
                throw new IOException(file + ": the " + described + " has " + (found.isEmpty() ? "no" : String.valueOf(found.size()))
                    + " <" + name + "> element: keep the settings of the shipped conf/");
            }
            return found.get(0);
        }
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE && child.getNodeName().equals(name)) {
                found.add((Element) child);
            }
        }
        return found;
    }

    // conf/ is the operator's, but an XML parser reads no other file than the one it is given.
    private static DocumentBuilderFactory builderFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setExpandEntityReferences(false);
        return factory;
    }
}
