// What the pre-flight check knows about Confluence macros: parameters, value kinds, body kinds.

/// Parameter and body rules for the macros Confluence ships (Cloud and Data Center).
enum StorageMacroCatalog {
    enum ValueKind {
        case text, boolean, integer, statusColour, colour, language, choice(Set<String>)
    }

    enum BodyKind {
        case none, plain, rich, any
    }

    struct Rule {
        var parameters: [String: ValueKind]
        var required: [[String]]  // each inner list: at least one of these
        var body: BodyKind
        var inline: Bool
        /// False when the Cloud editor shows the macro as legacy content.
        var cloudNative: Bool
    }

    static let languages: Set<String> = [
        "none", "text", "actionscript3", "applescript", "bash", "c", "clojure", "coffeescript", "coldfusion", "cpp", "csharp", "css",
        "cuda", "d", "dart", "delphi", "diff", "elixir", "erlang", "fortran", "foxpro", "go", "graphql", "groovy", "haskell", "haxe",
        "html", "java", "javafx", "javascript", "json", "jsx", "julia", "kotlin", "livescript", "lua", "mathematica", "matlab",
        "objectivec", "objectivej", "ocaml", "octave", "pascal", "perl", "php", "plsql", "powershell", "prolog", "protobuf", "puppet",
        "python", "qml", "r", "racket", "rst", "ruby", "rust", "sass", "scala", "scheme", "shell", "smalltalk", "splunk-spl", "sql",
        "standardml", "swift", "tcl", "tsx", "typescript", "vala", "vb", "verilog", "vhdl", "xml", "xquery", "yaml", "markdown",
        "dockerfile", "makefile", "toml", "ini", "nginx", "abap", "ada", "arduino", "elm", "gherkin",
    ]

    private static let callout: [String: ValueKind] = ["title": .text, "icon": .boolean]

    static let rules: [String: Rule] = [
        "code": Rule(parameters: ["language": .language, "title": .text, "linenumbers": .boolean, "firstline": .integer,
                                  "theme": .choice(["Default", "DJango", "Emacs", "FadeToGrey", "Midnight", "RDark", "Eclipse", "Confluence"]),
                                  "collapse": .boolean, "breakoutMode": .text, "breakoutWidth": .text],
                     required: [], body: .plain, inline: false, cloudNative: true),
        "noformat": Rule(parameters: ["nopanel": .boolean, "title": .text], required: [], body: .plain, inline: false, cloudNative: true),
        "info": Rule(parameters: callout, required: [], body: .rich, inline: false, cloudNative: true),
        "note": Rule(parameters: callout, required: [], body: .rich, inline: false, cloudNative: true),
        "tip": Rule(parameters: callout, required: [], body: .rich, inline: false, cloudNative: true),
        "warning": Rule(parameters: callout, required: [], body: .rich, inline: false, cloudNative: true),
        "panel": Rule(parameters: ["title": .text, "borderStyle": .choice(["solid", "dashed", "dotted", "double", "none"]),
                                   "borderColor": .colour, "borderWidth": .integer, "bgColor": .colour, "titleBGColor": .colour,
                                   "titleColor": .colour, "panelIcon": .text, "panelIconId": .text, "panelIconText": .text],
                      required: [], body: .rich, inline: false, cloudNative: true),
        "expand": Rule(parameters: ["title": .text, "breakoutWidth": .text], required: [], body: .rich, inline: false, cloudNative: true),
        "toc": Rule(parameters: ["maxLevel": .integer, "minLevel": .integer, "type": .choice(["list", "flat"]),
                                 "style": .text, "outline": .boolean, "include": .text, "exclude": .text, "printable": .boolean,
                                 "indent": .text, "separator": .text, "class": .text, "absoluteUrl": .boolean],
                    required: [], body: .none, inline: false, cloudNative: true),
        "jira": Rule(parameters: ["key": .text, "server": .text, "serverId": .text, "jqlQuery": .text, "columns": .text,
                                  "maximumIssues": .integer, "count": .boolean, "columnIds": .text, "showSummary": .boolean,
                                  "cache": .text, "anonymous": .boolean, "baseurl": .text, "height": .text, "width": .text,
                                  "title": .text, "renderMode": .text, "url": .text],
                     required: [["key", "jqlQuery", "url"]], body: .none, inline: true, cloudNative: true),
        "status": Rule(parameters: ["title": .text, "colour": .statusColour, "subtle": .boolean], required: [],
                       body: .none, inline: true, cloudNative: true),
        "anchor": Rule(parameters: ["": .text], required: [[""]], body: .none, inline: true, cloudNative: true),
        "children": Rule(parameters: ["all": .boolean, "depth": .integer, "sort": .choice(["title", "creation", "modified"]),
                                      "reverse": .boolean, "style": .text, "page": .text, "first": .integer,
                                      "excerptType": .choice(["none", "simple", "rich content"])],
                         required: [], body: .none, inline: false, cloudNative: true),
        "excerpt": Rule(parameters: ["hidden": .boolean, "atlassian-macro-output-type": .choice(["INLINE", "BLOCK"]), "name": .text],
                        required: [], body: .rich, inline: false, cloudNative: true),
        "excerpt-include": Rule(parameters: ["": .text, "nopanel": .boolean, "name": .text, "page": .text],
                                required: [], body: .none, inline: false, cloudNative: true),
        "include": Rule(parameters: ["": .text], required: [], body: .none, inline: false, cloudNative: true),
        "details": Rule(parameters: ["id": .text, "hidden": .boolean, "label": .text], required: [], body: .rich, inline: false, cloudNative: true),
        "detailssummary": Rule(parameters: ["label": .text, "cql": .text, "spaces": .text, "headings": .text, "sortBy": .text,
                                            "firstcolumn": .text, "pageSize": .integer, "showPageLabels": .boolean,
                                            "showCommentsCount": .boolean, "showLikesCount": .boolean, "id": .text],
                               required: [], body: .none, inline: false, cloudNative: true),
        "attachments": Rule(parameters: ["patterns": .text, "sortBy": .text, "sortOrder": .text, "labels": .text, "old": .boolean,
                                         "upload": .boolean, "preview": .boolean, "page": .text],
                            required: [], body: .none, inline: false, cloudNative: true),
        "section": Rule(parameters: ["border": .boolean], required: [], body: .rich, inline: false, cloudNative: false),
        "column": Rule(parameters: ["width": .text], required: [], body: .rich, inline: false, cloudNative: false),
        "recently-updated": Rule(parameters: ["spaces": .text, "labels": .text, "max": .integer, "types": .text, "theme": .text,
                                              "hideHeading": .boolean, "showProfilePic": .boolean, "width": .text],
                                 required: [], body: .none, inline: false, cloudNative: true),
        "pagetree": Rule(parameters: ["root": .text, "sort": .text, "reverse": .boolean, "searchBox": .boolean,
                                      "expandCollapseAll": .boolean, "startDepth": .integer, "excerpt": .boolean],
                         required: [], body: .none, inline: false, cloudNative: true),
        "contentbylabel": Rule(parameters: ["labels": .text, "cql": .text, "max": .integer, "showLabels": .boolean,
                                            "showSpace": .boolean, "title": .text, "excerptType": .text, "sort": .text, "reverse": .boolean,
                                            "type": .text, "spaces": .text, "operator": .text],
                               required: [], body: .none, inline: false, cloudNative: true),
        "html": Rule(parameters: [:], required: [], body: .plain, inline: false, cloudNative: false),
        "gallery": Rule(parameters: ["columns": .integer, "title": .text, "include": .text, "exclude": .text, "sort": .text, "page": .text],
                        required: [], body: .none, inline: false, cloudNative: true),
        "view-file": Rule(parameters: ["name": .text, "height": .text, "width": .text, "page": .text], required: [],
                          body: .none, inline: true, cloudNative: true),
        "roadmap": Rule(parameters: ["source": .text, "title": .text, "timeline": .boolean, "maplinks": .text, "pagelinks": .text,
                                     "hash": .text, "width": .text, "height": .text],
                        required: [], body: .none, inline: false, cloudNative: false),
        "profile": Rule(parameters: ["user": .text], required: [], body: .none, inline: false, cloudNative: true),
    ]
}
