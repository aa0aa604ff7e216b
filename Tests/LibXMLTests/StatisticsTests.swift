import Foundation
import LibXML
import Testing

@Suite("Statistics")
struct StatisticsTests {
    @Test("the mean of no values is NaN")
    func mean() {
        #expect(Statistics.mean([1, 2, 3, 4]) == 2.5)
        #expect(Statistics.mean([-5]) == -5)
        #expect(Statistics.mean([]).isNaN)
    }

    @Test(
        "percentiles interpolate between closest ranks like Excel PERCENTILE.INC and NumPy",
        arguments: [
            ([15.0, 20, 35, 40, 50], 0.0, 15.0), ([15, 20, 35, 40, 50], 25, 20), ([15, 20, 35, 40, 50], 40, 29),
            ([15, 20, 35, 40, 50], 50, 35), ([15, 20, 35, 40, 50], 90, 46), ([15, 20, 35, 40, 50], 100, 50),
            ([1, 2, 3, 4], 25, 1.75), ([1, 2, 3, 4], 50, 2.5), ([1, 2, 3, 4], 75, 3.25), ([7], 0, 7), ([7], 63, 7),
            ([7], 100, 7), ([4, 1, 3, 2], 50, 2.5),
        ])
    func percentile(values: [Double], rank: Double, expected: Double) {
        #expect(abs(Statistics.percentile(values, rank) - expected) < 1e-9)
    }

    @Test("the percentile of no values is NaN")
    func emptyPercentile() {
        #expect(Statistics.percentile([], 50).isNaN)
    }

    @Test("the sample standard deviation divides by n − 1")
    func standardDeviation() {
        #expect(abs(Statistics.sampleStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]) - 2.138089935299395) < 1e-12)
        #expect(Statistics.sampleStandardDeviation([3, 3, 3]) == 0)
        #expect(Statistics.sampleStandardDeviation([1, 3]) == 2.0.squareRoot())
        #expect(Statistics.sampleStandardDeviation([5]).isNaN)
        #expect(Statistics.sampleStandardDeviation([]).isNaN)
    }

    @Test("NPS is % promoters (9–10) minus % detractors (0–6)")
    func netPromoterScore() {
        #expect(Statistics.netPromoterScore([10, 9, 8, 7, 6, 0]) == 0)
        #expect(Statistics.netPromoterScore([10, 10, 9, 9, 8, 7, 6, 0]) == 25)
        #expect(Statistics.netPromoterScore([10, 9]) == 100)
        #expect(Statistics.netPromoterScore([6, 5, 0]) == -100)
        #expect(Statistics.netPromoterScore([7, 8]) == 0)
        #expect(abs(Statistics.netPromoterScore([9, 7, 3]) - 0) < 1e-12)
        #expect(abs(Statistics.netPromoterScore([9, 9, 3]) - 100.0 / 3) < 1e-12)
    }

    @Test("NPS ignores ratings outside 0–10 and is NaN when none remain")
    func netPromoterScoreOutOfRange() {
        #expect(Statistics.netPromoterScore([10, 11, -1, 100]) == 100)
        #expect(Statistics.netPromoterScore([11, -1]).isNaN)
        #expect(Statistics.netPromoterScore([]).isNaN)
    }

    @Test("the share at or above a threshold is a percentage, NaN for no values")
    func shareAtLeast() {
        #expect(Statistics.shareAtLeast([5, 4, 3, 2], 4) == 50)
        #expect(Statistics.shareAtLeast([5, 4, 3, 2], 6) == 0)
        #expect(Statistics.shareAtLeast([5, 4, 3, 2], 1) == 100)
        #expect(Statistics.shareAtLeast([4], 4) == 100)
        #expect(Statistics.shareAtLeast([], 4).isNaN)
    }
}
