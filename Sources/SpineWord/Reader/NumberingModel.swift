// The reader's view of numbering.xml: which lists are bullets or numbers, and where they start.

/// List definitions: `w:num` instances over `w:abstractNum` definitions with level overrides.
struct NumberingModel {
    struct Level {
        var format: String = "decimal"
        var start: Int = 1
        /// The level's text indentation (`w:ind w:left`) in twips, when defined.
        var indent: Int?
    }

    private var abstractLevels: [Int: [Int: Level]] = [:]
    private var instances: [Int: (abstract: Int, overrides: [Int: Level], startOverrides: [Int: Int])] = [:]

    init() {}

    init(_ root: XElement?) {
        guard let root else { return }
        for element in root.elements {
            if element.isW("abstractNum"), let id = element.w("abstractNumId").flatMap(Int.init) {
                abstractLevels[id] = Self.levels(element)
            } else if element.isW("num"), let id = element.w("numId").flatMap(Int.init),
                      let abstract = element.childW("abstractNumId")?.w("val").flatMap(Int.init) {
                var overrides: [Int: Level] = [:]
                var starts: [Int: Int] = [:]
                for override in element.elements where override.isW("lvlOverride") {
                    guard let level = override.w("ilvl").flatMap(Int.init) else { continue }
                    if let start = override.childW("startOverride")?.w("val").flatMap(Int.init) { starts[level] = start }
                    if let lvl = override.childW("lvl") { overrides[level] = Self.level(lvl) }
                }
                instances[id] = (abstract, overrides, starts)
            }
        }
    }

    private static func levels(_ abstract: XElement) -> [Int: Level] {
        var result: [Int: Level] = [:]
        for lvl in abstract.elements where lvl.isW("lvl") {
            if let index = lvl.w("ilvl").flatMap(Int.init) { result[index] = level(lvl) }
        }
        return result
    }

    private static func level(_ lvl: XElement) -> Level {
        let ind = lvl.childW("pPr")?.childW("ind")
        return Level(format: lvl.childW("numFmt")?.w("val") ?? "decimal", start: lvl.childW("start")?.w("val").flatMap(Int.init) ?? 1,
                     indent: (ind?.w("left") ?? ind?.w("start")).flatMap(Int.init))
    }

    /// True when `numId` exists (numId 0 means "no numbering").
    func contains(_ numID: Int) -> Bool { instances[numID] != nil }

    /// The abstract definition of an instance (lists sharing one continue their count in Word).
    func abstractID(_ numID: Int) -> Int? { instances[numID]?.abstract }

    /// The level's definition for instance `numID`.
    func level(_ numID: Int, _ ilvl: Int) -> Level {
        guard let instance = instances[numID] else { return Level() }
        return instance.overrides[ilvl] ?? abstractLevels[instance.abstract]?[ilvl] ?? Level()
    }

    /// An explicit restart value for the level, if the instance has one.
    func startOverride(_ numID: Int, _ ilvl: Int) -> Int? {
        instances[numID]?.startOverrides[ilvl]
    }

    /// True for bullet (and unnumbered) levels.
    func isBullet(_ numID: Int, _ ilvl: Int) -> Bool {
        let format = level(numID, ilvl).format
        return format == "bullet" || format == "none"
    }
}
