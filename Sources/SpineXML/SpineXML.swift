// A small Swift wrapper over libxml2, shared by the Confluence storage and Word modules.

import CLibXML2
import SpineCore

/// The libxml2 version this build links against.
public enum SpineXML {
    public static var libxmlVersion: String { LIBXML_DOTTED_VERSION }
}
