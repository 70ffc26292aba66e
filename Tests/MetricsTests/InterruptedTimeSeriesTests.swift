import Metrics
import Testing

/// Segmented regression against statsmodels 0.14 OLS on the same design (scripts/its_references.py):
/// coefficients, standard errors, intervals and p-values to 1e-9 relative, the counterfactual and its band.
struct InterruptedTimeSeriesTests {
    static func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    /// Middlesbrough's children looked after on 31 March 2016–2025 (datasets/middlesbrough), dates on SPEC's axis.
    static let times: [Double] = (2016...2025).map { year in
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return Double(year) + Double(leap ? 90 : 89) / Double(leap ? 366 : 365)
    }
    static let values: [Double] = [377, 444, 466, 518, 618, 570, 502, 509, 513, 493]
    static let events = [
        InterruptedTimeSeries.Event(label: "Ofsted inadequate", time: 2019 + 10.0 / 12),
        InterruptedTimeSeries.Event(label: "direction revoked", time: 2024 + 8.0 / 12),
    ]

    @Test("Middlesbrough: level and slope changes at the November 2019 judgement, a level change only after September 2024")
    func middlesbrough() throws {
        let its = try InterruptedTimeSeries(times: Self.times, values: Self.values, events: Self.events)
        #expect(Self.close(its.baselineLevel.estimate, 384.53226513096575))
        #expect(Self.close(its.baselineLevel.standardError, 20.790677851356353))
        #expect(Self.close(its.baselineSlope.estimate, 44.52448421481916))
        #expect(Self.close(its.baselineSlope.p, 0.010293290813206681))
        let first = its.effects[0]
        #expect(Self.close(first.levelChange.estimate, 63.463146944240066))
        #expect(Self.close(first.levelChange.low, -24.732752403429785) && Self.close(first.levelChange.high, 151.65904629190993))
        #expect(Self.close(first.levelChange.p, 0.12359411978405144))
        #expect(Self.close(first.slopeChange?.estimate, -71.61492531288893))
        #expect(Self.close(first.slopeChange?.standardError, 13.619940300230807))
        #expect(Self.close(first.slopeChange?.p, 0.003304063721014524))
        #expect(Self.close(first.slopeAfter?.estimate, -27.090441098069768))
        #expect(Self.close(first.slopeAfter?.standardError, 7.860225296747348))
        #expect(Self.close(first.slopeAfter?.low, -47.29579346989756) && Self.close(first.slopeAfter?.high, -6.885088726241975))
        #expect(first.pointsAfter == 5)
        let second = its.effects[1]
        #expect(second.pointsAfter == 1 && second.slopeChange == nil && second.slopeAfter == nil)
        #expect(Self.close(second.levelChange.estimate, 31.84893550547328))
        #expect(Self.close(second.levelChange.p, 0.4170218541791518))
        #expect(Self.close(its.residualStandardDeviation, 24.85622122564526))
        #expect(Self.close(its.durbinWatson, 2.0699796607914953))
        #expect(Self.close(its.counterfactual[9], 785.1606344600785))
        #expect(Self.close(its.counterfactualLow[9], 568.3654867966504) && Self.close(its.counterfactualHigh[9], 1001.9557821235067))
        #expect(Self.close(its.counterfactualLow[4], 484.29430026878686))
        #expect(its.warnings.contains { $0.contains("only 1 point(s) from direction revoked") })
    }

    @Test("with a control series: the area's changes beyond the control's (Linden 2015)")
    func control() throws {
        let area: [Double] = [
            99.8, 103.1, 103.1, 102.7, 101.1, 101.1, 106.6, 106.8, 103.4, 108.1, 104.4, 110.3, 110.7, 111.8, 110.5, 113.0, 112.4, 111.5,
            115.2, 115.9, 116.3, 117.2, 116.7, 118.4, 112.7, 112.0, 112.5, 114.0, 111.3, 114.4, 117.1, 117.5, 116.4, 116.7, 115.6, 116.9,
        ]
        let control: [Double] = [
            89.2, 92.1, 90.6, 89.7, 90.8, 92.2, 96.0, 92.2, 97.0, 96.1, 96.2, 98.6, 102.0, 99.5, 99.9, 100.8, 100.8, 103.1, 100.8, 101.8,
            103.6, 105.5, 103.1, 104.6, 103.1, 106.2, 106.1, 108.4, 108.5, 107.9, 112.1, 111.6, 110.6, 110.5, 112.3, 115.5,
        ]
        let times = (0..<36).map { 2018 + Double($0) / 12 }
        let its = try InterruptedTimeSeries(
            times: times, values: area, events: [.init(label: "commissioner", time: 2020)], control: (times, control))
        #expect(its.hasControl)
        let effect = its.effects[0]
        #expect(Self.close(effect.levelChange.estimate, -5.268840579710111))
        #expect(Self.close(effect.levelChange.standardError, 1.5136539799953732))
        #expect(Self.close(effect.levelChange.p, 0.0009055605205108725))
        #expect(Self.close(effect.slopeChange?.estimate, -5.6082687747031175))
        #expect(Self.close(effect.slopeChange?.low, -10.289588018775737))
        #expect(Self.close(effect.slopeAfter?.estimate, 5.928671328671215))
        #expect(Self.close(effect.slopeAfter?.standardError, 1.5626661423128074))
        // The area's own level at the start is the control's plus the group difference.
        #expect(Self.close(its.baselineLevel.estimate, 89.77933333333333 + 10.272000000000116))
        #expect(Self.close(its.counterfactual[24], 117.3098662207358) && Self.close(its.counterfactual[35], 127.88539464882982))
        #expect(Self.close(its.counterfactualLow[35], 124.28606539540384) && Self.close(its.counterfactualHigh[35], 131.48472390225578))
    }

    @Test("too little data: no event, no points after any event, events in the same gap")
    func problems() throws {
        #expect(throws: InterruptedTimeSeries.Problem.self) {
            try InterruptedTimeSeries(times: Self.times, values: Self.values, events: [])
        }
        #expect(throws: InterruptedTimeSeries.Problem.self) {
            try InterruptedTimeSeries(times: Self.times, values: Self.values, events: [.init(label: "later", time: 2030)])
        }
        // Two events between the same two observations cannot be told apart.
        let twins = [InterruptedTimeSeries.Event(label: "a", time: 2019.9), .init(label: "b", time: 2019.95)]
        let its = try InterruptedTimeSeries(times: Self.times, values: Self.values, events: twins)
        #expect(its.effects.map(\.event.label) == ["b"])
        #expect(its.warnings.contains { $0.contains("no observations from a") })
        let early = try InterruptedTimeSeries(times: Self.times, values: Self.values, events: [.init(label: "early", time: 2017.5)])
        #expect(early.warnings.contains { $0.contains("only 2 point(s) before early") })
    }
}
