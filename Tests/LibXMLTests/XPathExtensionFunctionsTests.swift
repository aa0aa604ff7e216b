import CalendarDates
import Foundation
import LibXML
import Testing

/// Evaluates `expression` over a small data set, as of 2026-03-31 unless told otherwise.
private func evaluate(
    _ expression: String, asOf: String = "2026-03-31", variables: [String: XPathVariableValue] = [:]
) throws -> XPathValue {
    let text = """
        <data>
          <score>4</score><score>5</score><score>n/a</score><score></score><score> 3 </score>
          <rating>10</rating><rating>10</rating><rating>9</rating><rating>9</rating><rating>8</rating>
          <rating>7</rating><rating>6</rating><rating>0</rating><rating>11</rating><rating>-1</rating><rating>x</rating>
          <csat>5</csat><csat>4</csat><csat>3</csat><csat>2</csat><csat>?</csat>
          <cat> A</cat><cat>A</cat><cat>B </cat><cat>b</cat>
          <date>2026-03-01</date>
          <text>Complaint REF-2026-0042 closed</text>
        </data>
        """
    let document = try XMLDocument.parse(text, file: "functions.xml")
    let context = XPathContext(document: document, environment: XPathEnvironment(asOf: try #require(CalendarDate(iso: asOf))))
    for (name, value) in variables { context.setVariable(name, value) }
    return try context.evaluate(expression)
}

/// The message of the evaluation error `expression` raises.
private func failure(_ expression: String) throws -> String {
    let error = try #require(throws: XPathError.self) { try evaluate(expression) }
    guard case let .evaluationFailed(_, message) = error else {
        Issue.record("expected .evaluationFailed, got \(error)")
        return ""
    }
    return message
}

@Suite("cx: extension functions")
struct XPathExtensionFunctionsTests {
    // MARK: The registry

    @Test("the cx: functions are exactly the documented ones")
    func registry() {
        #expect(XPathExpressionCheck.extensionFunctions == [
            "as-of", "date", "is-date", "days-between", "business-days-between", "age-days", "add-duration", "within", "period",
            "avg", "min", "max", "median", "percentile", "stdev", "sum", "count-distinct",
            "nps", "csat", "percent", "matches", "lower-case", "trim", "join", "round", "if",
        ])
    }

    @Test("every cx: function refuses a wrong number of arguments with an XPath error", arguments: XPathExpressionCheck.extensionFunctions.sorted())
    func wrongArity(name: String) throws {
        let message = try failure("cx:\(name)(1, 2, 3, 4, 5)")
        #expect(message.hasPrefix("cx:\(name) takes "))
        #expect(message.hasSuffix("argument(s), not 5"))
    }

    @Test("the functions live in their namespace, under any prefix bound to it")
    func namespace() throws {
        #expect(try failure("avg(//score)") == "unknown function")
        let document = try XMLDocument.parse("<r><v>1</v><v>3</v></r>")
        let environment = XPathEnvironment(
            asOf: XPathEnvironment.auditDay.asOf, namespaces: ["f": XPathEnvironment.functionNamespace])
        #expect(try XPathContext(document: document, environment: environment).evaluate("f:avg(//v)").number == 2)
    }

    // MARK: Dates

    @Test("cx:as-of is the audit date of the run")
    func asOf() throws {
        #expect(try evaluate("cx:as-of()").string == "2026-03-31")
        #expect(try evaluate("cx:as-of()", asOf: "2024-02-29").string == "2024-02-29")
    }

    @Test(
        "cx:date normalizes a date and gives '' for anything else",
        arguments: [
            ("cx:date('2026-03-01')", "2026-03-01"), ("cx:date(' 2026-03-01T10:00:00Z ')", "2026-03-01"),
            ("cx:date(//date)", "2026-03-01"), ("cx:date('2026-02-29')", ""), ("cx:date('2026-3-1')", ""),
            ("cx:date('')", ""), ("cx:date(//missing)", ""), ("cx:date(20260301)", ""),
        ])
    func date(expression: String, expected: String) throws {
        #expect(try evaluate(expression).string == expected)
    }

    @Test("cx:is-date knows leap years", arguments: [
        ("2024-02-29", true), ("2000-02-29", true), ("2026-02-29", false), ("1900-02-29", false), ("2026-04-31", false),
        ("yesterday", false),
    ])
    func isDate(text: String, expected: Bool) throws {
        #expect(try evaluate("cx:is-date('\(text)')").boolean == expected)
    }

    @Test(
        "cx:days-between counts days from the first date to the second",
        arguments: [
            ("'2024-02-28', '2024-03-01'", 2.0), ("'2026-02-28', '2026-03-01'", 1), ("'2024-03-01', '2024-02-28'", -2),
            ("'2026-03-14', '2026-03-14'", 0), ("'2025-01-01', '2026-01-01'", 365), ("//date, '2026-03-31'", 30),
        ])
    func daysBetween(arguments: String, expected: Double) throws {
        #expect(try evaluate("cx:days-between(\(arguments))").number == expected)
    }

    @Test("cx:days-between of an invalid date is NaN")
    func daysBetweenInvalid() throws {
        #expect(try evaluate("cx:days-between('2026-02-30', '2026-03-01')").number.isNaN)
        #expect(try evaluate("cx:days-between('2026-03-01', '')").number.isNaN)
    }

    @Test(
        "cx:business-days-between counts Mondays to Fridays after the first date up to the second",
        arguments: [
            // Monday 2026-03-02 → Thursday: three business days; Friday → next Wednesday: three (the weekend skipped).
            ("'2026-03-02', '2026-03-05'", 3.0), ("'2026-03-06', '2026-03-11'", 3), ("'2026-03-06', '2026-03-10'", 2),
            // Received on a Saturday: Monday is the first business day following it.
            ("'2026-03-07', '2026-03-09'", 1), ("'2026-03-07', '2026-03-08'", 0), ("'2026-03-02', '2026-03-02'", 0),
            ("'2026-03-11', '2026-03-06'", -3), ("'2026-01-01', '2026-12-31'", 260), ("'2026-03-02', '2026-04-27'", 40),
        ])
    func businessDaysBetween(arguments: String, expected: Double) throws {
        #expect(try evaluate("cx:business-days-between(\(arguments))").number == expected)
        #expect(try evaluate("cx:business-days-between('2026-02-30', '2026-03-02')").number.isNaN)
    }

    @Test("cx:age-days counts from a date to the audit date")
    func ageDays() throws {
        #expect(try evaluate("cx:age-days('2026-03-01')").number == 30)
        #expect(try evaluate("cx:age-days(//date)").number == 30)
        #expect(try evaluate("cx:age-days('2026-03-31')").number == 0)
        #expect(try evaluate("cx:age-days('2026-04-30')").number == -30)
        #expect(try evaluate("cx:age-days('2025-03-31')").number == 365)
        #expect(try evaluate("cx:age-days('2024-02-29')", asOf: "2025-02-28").number == 365)
        #expect(try evaluate("cx:age-days('soon')").number.isNaN)
    }

    @Test(
        "cx:add-duration adds months first, clamping to the end of a shorter month",
        arguments: [
            ("'2026-01-31', 'P1M'", "2026-02-28"), ("'2024-01-31', 'P1M'", "2024-02-29"), ("'2026-03-31', '-P1M'", "2026-02-28"),
            ("'2024-02-29', 'P1Y'", "2025-02-28"), ("'2026-01-31', 'P1M1D'", "2026-03-01"), ("'2026-03-14', 'P2W'", "2026-03-28"),
            ("'2026-12-31', 'P1D'", "2027-01-01"), ("//date, 'P30D'", "2026-03-31"), ("'2026-02-30', 'P1D'", ""),
            ("'', 'P1D'", ""),
        ])
    func addDuration(arguments: String, expected: String) throws {
        #expect(try evaluate("cx:add-duration(\(arguments))").string == expected)
    }

    @Test("cx:add-duration refuses a duration that is not ISO 8601 days or months", arguments: ["PT1H", "30 days", "", "P1.5M"])
    func addDurationInvalid(duration: String) throws {
        #expect(try failure("cx:add-duration('2026-01-01', '\(duration)')") == "'\(duration)' is not an ISO 8601 duration such as P30D or P12M")
    }

    @Test(
        "cx:within is true from (audit date − duration), inclusive, up to the audit date",
        arguments: [
            ("2026-03-31", "P30D", true), ("2026-03-02", "P30D", true), ("2026-03-01", "P30D", true),
            ("2026-02-28", "P30D", false), ("2026-04-01", "P30D", false), ("2025-03-31", "P12M", true),
            ("2025-03-30", "P12M", false), ("2026-02-28", "P1M", true), ("2026-02-27", "P1M", false),
            ("not a date", "P30D", false), ("", "P1Y", false),
        ])
    func within(date: String, duration: String, expected: Bool) throws {
        #expect(try evaluate("cx:within('\(date)', '\(duration)')").boolean == expected)
    }

    @Test("cx:within refuses an invalid duration")
    func withinInvalid() throws {
        #expect(try failure("cx:within('2026-03-01', '1 month')").contains("'1 month' is not an ISO 8601 duration"))
    }

    @Test(
        "cx:period labels the month, quarter, half or year of a date",
        arguments: [
            ("'2026-03-14', 'month'", "2026-03"), ("'2026-03-14', 'quarter'", "2026-Q1"), ("'2026-03-14', 'half'", "2026-H1"),
            ("'2026-03-14', 'year'", "2026"), ("'2026-07-01', 'half'", "2026-H2"), ("'2026-10-01', 'quarter'", "2026-Q4"),
            ("//date, 'month'", "2026-03"), ("'2026-02-30', 'month'", ""),
        ])
    func period(arguments: String, expected: String) throws {
        #expect(try evaluate("cx:period(\(arguments))").string == expected)
    }

    @Test("cx:period refuses an unknown unit, naming the valid ones", arguments: ["week", "Quarter", ""])
    func periodInvalidUnit(unit: String) throws {
        #expect(try failure("cx:period('2026-03-14', '\(unit)')") == "cx:period: unit '\(unit)' is not one of month, quarter, half, year")
    }

    // MARK: Statistics

    @Test(
        "aggregates skip values that are not numbers",
        arguments: [
            ("cx:avg(//score)", 4.0), ("cx:min(//score)", 3), ("cx:max(//score)", 5), ("cx:median(//score)", 4),
            ("cx:sum(//score)", 12), ("cx:stdev(//score)", 1), ("cx:percentile(//score, 25)", 3.5),
            ("cx:percentile(//score, 0)", 3), ("cx:percentile(//score, 100)", 5), ("cx:median(//csat)", 3.5),
            ("cx:avg(7)", 7), ("cx:sum('2')", 2), ("cx:max(//rating)", 11), ("cx:min(//rating)", -1),
        ])
    func aggregates(expression: String, expected: Double) throws {
        #expect(try evaluate(expression).number == expected)
    }

    @Test(
        "aggregates of nothing are NaN, except the sum, which is 0",
        arguments: [
            "cx:avg(//missing)", "cx:min(//missing)", "cx:max(//missing)", "cx:median(//missing)",
            "cx:percentile(//missing, 90)", "cx:stdev(//missing)", "cx:avg(//score[. = 'n/a'])", "cx:stdev(//date)",
        ])
    func emptyAggregates(expression: String) throws {
        #expect(try evaluate(expression).number.isNaN)
        #expect(try evaluate("cx:sum(//missing)").number == 0)
    }

    @Test("cx:percentile refuses a rank outside 0–100", arguments: ["101", "-1", "0 div 0"])
    func percentileRange(rank: String) throws {
        #expect(try failure("cx:percentile(//score, \(rank))").hasPrefix("cx:percentile: rank must be between 0 and 100"))
    }

    @Test("cx:count-distinct counts trimmed values, case-sensitively")
    func countDistinct() throws {
        #expect(try evaluate("cx:count-distinct(//cat)").number == 3)
        #expect(try evaluate("cx:count-distinct(//missing)").number == 0)
        #expect(try evaluate("cx:count-distinct(//score[. != ''])").number == 4)
    }

    // MARK: CX indicators

    @Test("cx:nps is % promoters (9–10) minus % detractors (0–6), ignoring ratings outside 0–10")
    func nps() throws {
        #expect(try evaluate("cx:nps(//rating)").number == 25)
        #expect(try evaluate("cx:nps(//rating[. >= 9 and . <= 10])").number == 100)
        #expect(try evaluate("cx:nps(//rating[. <= 6])").number == -100)
        #expect(try evaluate("cx:nps(//rating[. = 7 or . = 8])").number == 0)
        #expect(try evaluate("cx:nps(//missing)").number.isNaN)
        #expect(try evaluate("cx:nps(//rating[. > 10 or . < 0])").number.isNaN)
    }

    @Test("cx:csat is the % of ratings at or above a threshold, 4 by default")
    func csat() throws {
        #expect(try evaluate("cx:csat(//csat)").number == 50)
        #expect(try evaluate("cx:csat(//csat, 5)").number == 25)
        #expect(try evaluate("cx:csat(//csat, 2)").number == 100)
        #expect(try evaluate("cx:csat(//missing)").number.isNaN)
    }

    @Test("cx:percent is part over whole times 100, NaN for a zero whole")
    func percent() throws {
        #expect(try evaluate("cx:percent(3, 4)").number == 75)
        #expect(try evaluate("cx:round(cx:percent(1, 3), 2)").number == 33.33)
        #expect(try evaluate("cx:percent(count(//score), count(//csat))").number == 100)
        #expect(try evaluate("cx:percent(0, 5)").number == 0)
        #expect(try evaluate("cx:percent(1, 0)").number.isNaN)
        #expect(try evaluate("cx:percent(count(//missing), count(//missing))").number.isNaN)
    }

    // MARK: Text

    @Test(
        "cx:matches tests a regular expression, with flags i, m, s and x",
        arguments: [
            (#"cx:matches(//text, 'REF-\d{4}-\d{4}')"#, true), (#"cx:matches('REF-2026-0042', '^REF-\d{4}-\d{4}$')"#, true),
            ("cx:matches('ref-2026', '^REF')", false), ("cx:matches('ref-2026', '^REF', 'i')", true),
            ("cx:matches('a\nb', '^b$')", false), ("cx:matches('a\nb', '^b$', 'm')", true),
            ("cx:matches('a\nb', 'a.b')", false), ("cx:matches('a\nb', 'a.b', 's')", true),
            ("cx:matches('abc', 'a b c')", false), ("cx:matches('abc', 'a b c', 'x')", true),
            ("cx:matches('ABC', 'a b c', 'ix')", true), ("cx:matches('', '^$')", true),
            ("cx:matches('Zürich', '^Z.rich$')", true), ("cx:matches(//missing, '.')", false),
        ])
    func matches(expression: String, expected: Bool) throws {
        #expect(try evaluate(expression).boolean == expected)
    }

    @Test("cx:matches refuses an invalid regular expression or flag with a message")
    func matchesInvalid() throws {
        #expect(try failure("cx:matches('a', '(')") == "cx:matches: '(' is not a valid regular expression")
        #expect(try failure("cx:matches('a', '[z-a]')") == "cx:matches: '[z-a]' is not a valid regular expression")
        #expect(try failure("cx:matches('a', 'a', 'g')") == "cx:matches: unknown flag 'g' (use i, m, s, x)")
    }

    @Test("cx:matches reuses a compiled pattern across nodes")
    func matchesManyNodes() throws {
        var text = "<r>"
        for index in 0..<500 { text += "<id>REF-\(index)</id>" }
        text += "</r>"
        let context = XPathContext(document: try XMLDocument.parse(text), environment: .auditDay)
        #expect(try context.evaluate(#"count(//id[cx:matches(., '^REF-\d*7$')])"#).number == 50)
    }

    @Test("cx:lower-case lowers any script")
    func lowerCase() throws {
        #expect(try evaluate("cx:lower-case('ÄBC Straße ÉÎ')").string == "äbc straße éî")
        #expect(try evaluate("cx:lower-case(//text)").string == "complaint ref-2026-0042 closed")
        #expect(try evaluate("cx:lower-case('')").string == "")
    }

    @Test("cx:trim removes XML white space at both ends only")
    func trim() throws {
        #expect(try evaluate("cx:trim('  a  b \n\t')").string == "a  b")
        #expect(try evaluate("cx:trim(//score[5])").string == "3")
        #expect(try evaluate("cx:trim('')").string == "")
        #expect(try evaluate("cx:trim($v)", variables: ["v": .string("\r\n x\r\n")]).string == "x")
        #expect(try evaluate("cx:trim($v)", variables: ["v": .string("\u{00A0}x\u{00A0}")]).string == "\u{00A0}x\u{00A0}")
    }

    @Test("cx:join joins the string values of a node set")
    func join() throws {
        #expect(try evaluate("cx:join(//cat, '|')").string == " A|A|B |b")
        #expect(try evaluate("cx:join(//score[number(.) = number(.)], ', ')").string == "4, 5,  3 ")
        #expect(try evaluate("cx:join(//missing, ',')").string == "")
        #expect(try evaluate("cx:join('solo', ',')").string == "solo")
        #expect(try evaluate("cx:join(//cat, '')").string == " AAB b")
    }

    @Test(
        "cx:round rounds half away from zero to 0–10 decimals",
        arguments: [
            ("cx:round(2.3456, 2)", 2.35), ("cx:round(1.5, 0)", 2), ("cx:round(-1.5, 0)", -2), ("cx:round(2.5, 0)", 3),
            ("cx:round(1234.5678, 1)", 1234.6), ("cx:round(2.3456, 1.6)", 2.35), ("cx:round(-0.004, 2)", 0), ("cx:round('7.25', 1)", 7.3),
        ])
    func round(expression: String, expected: Double) throws {
        #expect(try evaluate(expression).number == expected)
    }

    @Test("cx:round refuses digits outside 0–10", arguments: ["cx:round(3.14159, 11)", "cx:round(3.14159, -1)"])
    func roundDigitsOutOfRange(expression: String) throws {
        #expect(try failure(expression).contains("digits must be between 0 and 10"))
    }

    @Test("cx:round of something that is not a number is NaN")
    func roundNaN() throws {
        #expect(try evaluate("cx:round('x', 2)").number.isNaN)
        #expect(try evaluate("cx:round(//missing, 2)").number.isNaN)
    }

    @Test(
        "cx:if picks the second or third argument by the first's truth, as a string",
        arguments: [
            ("cx:if(true(), 'yes', 'no')", "yes"), ("cx:if(false(), 'yes', 'no')", "no"), ("cx:if(//score, 'yes', 'no')", "yes"),
            ("cx:if(//missing, 'yes', 'no')", "no"), ("cx:if(0, 'yes', 'no')", "no"), ("cx:if('', 'yes', 'no')", "no"),
            ("cx:if('false', 'yes', 'no')", "yes"), ("cx:if(1, 2, 3)", "2"), ("cx:if(0 div 0, 'yes', //date)", "2026-03-01"),
        ])
    func ifFunction(expression: String, expected: String) throws {
        #expect(try evaluate(expression).string == expected)
    }

    @Test("functions compose inside predicates and messages")
    func composition() throws {
        let message = try evaluate(
            "concat(count(//score[number(.) >= 4]), ' of ', count(//score), ' (', cx:round(cx:percent(count(//score[number(.) >= 4]), count(//score)), 1), '%)')")
        #expect(message.string == "2 of 5 (40%)")
    }
}
