import AuditModel

/// How much memory one evidence file's XML view may take, and so how many fields, values or
/// cells an adapter builds from one file before it refuses the file.
///
/// Every CSV field, JSON value and spreadsheet cell becomes at least one element of the view,
/// a few hundred bytes of memory however short it is in the file. A fixed count (cxaudit had
/// 2,000,000 CSV fields) refuses a large utility's yearly complaints export on a machine that
/// could hold it many times over, yet lets 2 MB of empty fields take most of a gigabyte. So
/// the view gets two bounds instead, both documented in docs/evidence.md:
///
/// - **memory**: at most half of the memory the process may use (`ProcessMemory`); the other
///   half is for the file's bytes, rule evaluation and another item read at the same time;
/// - **density**: past a floor (the old fixed counts, which honest files of any size may
///   have), a file must spend on average at least `Unit.minInputBytes` bytes on each unit,
///   as real exports do; a small file of millions of empty fields is refused however much
///   memory the machine has.
public struct ViewMemoryBudget: Sendable, Hashable {
    /// Memory one file's view may take.
    public let bytes: Int
    /// The memory it is a share of, named in messages.
    public let memory: ProcessMemory

    /// Half of `memory`.
    public init(memory: ProcessMemory) {
        self.memory = memory
        bytes = memory.bytes / 2
    }

    /// The budget of this process on this machine.
    public static let machine = ViewMemoryBudget(memory: .current)

    /// A kind of thing an adapter turns into elements of the view, with what one costs.
    public struct Unit: Sendable, Hashable {
        /// Plural, as messages name it: "fields".
        public let name: String
        /// Peak memory per unit while the view is built and held, measured on real exports
        /// (docs/evidence.md gives the measurements).
        public let bytesInView: Int
        /// Bytes of input honest files spend on a unit on average, at the least.
        public let minInputBytes: Int
        /// Units any file may have, however dense, memory permitting.
        public let floor: Int

        /// A CSV field: an element and its text, with its share of its record's element and
        /// of the file's bytes and text. 358 bytes measured on the Northwind complaints log at
        /// 75 MB and at 760 MB, which spends 15.8 bytes of input on a field (the sparsest
        /// sample 9.7; `,,,` spends 1).
        public static let csvField = Unit(name: "fields", bytesInView: 360, minInputBytes: 4, floor: 2_000_000)
        /// A JSON value: an element with `line` and `pointer` attributes, or a table field,
        /// with Foundation's parsed value. 683 bytes measured on the complaints log as JSON.
        public static let jsonValue = Unit(name: "JSON values", bytesInView: 700, minInputBytes: 4, floor: 1_000_000)
        /// A spreadsheet cell of the view (every record is as wide as its header row), with
        /// its share of the parsed sheet XML it came from: 1,232 bytes measured on the
        /// complaints log saved as XLSX. Its input is the sheet's XML, where a cell takes
        /// 20 bytes or more, so only padding to the header's width makes a view dense.
        public static let spreadsheetCell = Unit(name: "cells", bytesInView: 1250, minInputBytes: 2, floor: 2_000_000)
        /// An entry of an XLSX shared-string table, parsed and kept as a string while the
        /// sheets are read: 546 bytes measured. Every entry takes 16 bytes of XML or more, so
        /// only memory bounds the table.
        public static let sharedString = Unit(name: "shared strings", bytesInView: 550, minInputBytes: 4, floor: 2_000_000)
    }

    /// How many units one file may become, and which bound sets it.
    public struct Allowance: Sendable, Hashable {
        /// Which bound sets the allowance, and so what the message and the advice say.
        public enum Bound: Sendable, Hashable {
            /// Half of the memory.
            case memory
            /// The units the file's size allows.
            case density
        }

        /// Units the view may have; one more is refused.
        public let units: Int
        /// The bound that set `units`.
        public let bound: Bound
        let unit: Unit
        let inputBytes: Int
        let budget: ViewMemoryBudget

        /// Why the file is refused, to follow "more than N fields" in a message.
        public var reason: String {
            switch bound {
            case .memory:
                return ": its XML view would take more than \(ByteCount(budget.bytes)) (about \(unit.bytesInView) bytes for each), half of \(budget.memory)"
            case .density:
                return " in only \(ByteCount(inputBytes)) (more than one in every \(unit.minInputBytes) bytes, far denser than real exports), so its XML view would take hundreds of times the file's size"
            }
        }

        /// What the user can do about it.
        public var advice: String {
            switch bound {
            case .memory: return "Split the file (e.g. by period), or give cxaudit more memory (CXAUDIT_MEMORY, see docs/evidence.md)"
            case .density: return "Check that the file is the export it should be, or split it (e.g. by period)"
            }
        }
    }

    /// How many `unit`s a view built from `inputBytes` bytes may have; a view built record by
    /// record and never held whole (`streamed`) is bounded by density only.
    public func allowance(_ unit: Unit, inputBytes: Int, streamed: Bool = false) -> Allowance {
        let byMemory = streamed ? Int.max : bytes / unit.bytesInView
        let byDensity = max(unit.floor, inputBytes / unit.minInputBytes)
        return byMemory < byDensity
            ? Allowance(units: byMemory, bound: .memory, unit: unit, inputBytes: inputBytes, budget: self)
            : Allowance(units: byDensity, bound: .density, unit: unit, inputBytes: inputBytes, budget: self)
    }
}
