// swift-tools-version:6.0
// Spine: requirements documents across Jira, Confluence, Markdown, CSV and Word.
// No package dependencies: libxml2 and zlib come in as system libraries.
import PackageDescription

let package = Package(
    name: "Spine",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Spine", targets: ["Spine"]),
        .executable(name: "spine", targets: ["spine"]),
        .executable(name: "spine-bench", targets: ["spine-bench"]),
    ],
    targets: [
        // MARK: - System libraries
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),

        // MARK: - Core and shared helpers
        .target(name: "SpineCore", linkerSettings: [.linkedLibrary("m")]),
        .target(name: "SpineXML", dependencies: ["SpineCore", "CLibXML2"]),

        // MARK: - One module per format
        .target(name: "SpineMarkdown", dependencies: ["SpineCore"]),
        .target(name: "SpineConfluence", dependencies: ["SpineCore", "SpineXML"]),
        .target(name: "SpineADF", dependencies: ["SpineCore"]),
        .target(name: "SpineJiraWiki", dependencies: ["SpineCore"]),
        .target(name: "SpineJira", dependencies: ["SpineCore", "SpineADF", "SpineJiraWiki"]),
        .target(name: "SpineCSV", dependencies: ["SpineCore", "SpineJiraWiki"]),
        .target(name: "SpineWord", dependencies: ["SpineCore", "SpineXML", "CLibXML2", "CZlib"]),

        // MARK: - Jobs built on the formats
        .target(name: "SpineCollate", dependencies: ["SpineCore"]),
        .target(name: "SpineAtlassian", dependencies: ["SpineCore", "SpineCollate"]),
        .target(name: "Spine", dependencies: [
            "SpineCore", "SpineMarkdown", "SpineConfluence", "SpineADF", "SpineJiraWiki",
            "SpineJira", "SpineCSV", "SpineWord", "SpineCollate", "SpineAtlassian",
        ]),

        // MARK: - Executables
        .target(name: "SpineCLI", dependencies: ["Spine", "SpineAtlassian", "SpineConfluence", "SpineCollate", "SpineCSV"]),
        .executableTarget(name: "spine", dependencies: ["SpineCLI"]),
        .executableTarget(name: "spine-bench", dependencies: ["Spine", "SpineRobustness"]),
        .target(name: "SpineRobustness", dependencies: ["Spine"]),
        .executableTarget(name: "spine-fuzz", dependencies: ["SpineRobustness"]),

        // MARK: - Test support and tests (one test target per module)
        .target(name: "SpineTestSupport", dependencies: ["SpineCore"], path: "Tests/SpineTestSupport"),
        .target(name: "AtlassianTestServer", dependencies: ["SpineCore"], path: "Tests/AtlassianTestServer"),
        .testTarget(name: "SpineCoreTests", dependencies: ["SpineCore", "SpineTestSupport"]),
        .testTarget(name: "SpineXMLTests", dependencies: ["SpineXML", "CLibXML2", "SpineTestSupport"]),
        .testTarget(name: "SpineMarkdownTests", dependencies: ["SpineMarkdown", "SpineTestSupport"]),
        .testTarget(name: "SpineConfluenceTests", dependencies: ["SpineConfluence", "SpineMarkdown", "SpineTestSupport"]),
        .testTarget(name: "SpineADFTests", dependencies: ["SpineADF", "SpineRobustness", "SpineTestSupport"]),
        .testTarget(name: "SpineJiraWikiTests", dependencies: ["SpineJiraWiki", "SpineTestSupport"]),
        .testTarget(name: "SpineJiraTests", dependencies: ["SpineJira", "SpineMarkdown", "SpineRobustness", "SpineTestSupport"]),
        .testTarget(name: "SpineCSVTests", dependencies: ["SpineCSV", "SpineJira", "SpineTestSupport"]),
        .testTarget(name: "SpineWordTests", dependencies: ["SpineWord", "SpineMarkdown", "SpineTestSupport"]),
        .testTarget(name: "SpineCollateTests", dependencies: ["SpineCollate", "Spine", "SpineTestSupport"]),
        .testTarget(name: "SpineAtlassianTests", dependencies: ["SpineAtlassian", "AtlassianTestServer", "Spine", "SpineTestSupport"]),
        .testTarget(name: "SpineTests", dependencies: ["Spine", "SpineRobustness", "SpineTestSupport"]),
        .testTarget(name: "SpineCLITests", dependencies: ["SpineCLI", "Spine", "SpineTestSupport", "AtlassianTestServer"]),
    ]
)
