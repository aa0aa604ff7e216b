import AuditModel
import Testing

@Suite("Byte counts as people read them")
struct ByteCountTests {
    @Test(
        "decimal units as file managers show sizes, one decimal below 100 of a unit",
        arguments: [
            (0, "0 bytes"), (1, "1 byte"), (999, "999 bytes"), (1000, "1.0 kB"), (2_100_014, "2.1 MB"), (75_737_826, "75.7 MB"),
            (760_076_685, "760 MB"), (999_960, "1.0 MB"), (25_276_194_816, "25.3 GB"), (2_147_483_648, "2.1 GB"),
        ])
    func text(bytes: Int, shown: String) {
        #expect(ByteCount(bytes).description == shown)
    }
}
