/// Where the labels of dated events go: in horizontal lanes stacked above the plot, so that events close
/// together stay readable.
///
/// Conventions: lane 0 is the top lane. Each event has a vertical rule at `x` that runs from its own lane
/// down to the plot, and a label just right of the rule (or just left of it, ending at the rule, when it
/// would run past `right`). Events are placed in the given (time) order, each in the first lane where its
/// label overlaps no other label of that lane, no rule from a lane above crosses its label, and its own rule
/// crosses no label of a lane below; when no lane up to `maximumLanes` qualifies, the one with the fewest
/// collisions is used, where two labels overlapping counts far more than a rule crossing a label (a rule
/// through text leaves it readable; text on text does not). `overlaps` counts the labels that had to be
/// put on another label: a chart with any should number its events instead (`EventMarkers`).
struct EventLabelLanes {
    struct Placement: Equatable {
        var lane: Int
        /// The label's horizontal extent.
        var start: Double
        var end: Double
        /// Whether the label ends at the rule (SVG `text-anchor="end"`) rather than starting after it.
        var endAnchored: Bool
    }

    let placements: [Placement]
    let laneCount: Int
    /// How many labels overlap a label placed before them in the same lane (0 when every label is readable).
    let overlaps: Int

    init(positions: [Double], widths: [Double], left: Double, right: Double, padding: Double = 4, gap: Double = 8, maximumLanes: Int = 8) {
        var placed: [(x: Double, p: Placement)] = []
        var overlaps = 0
        for (x, w) in zip(positions, widths) {
            var start = x + padding
            var endAnchored = false
            if start + w > right && x - padding - w >= left {
                start = x - padding - w
                endAnchored = true
            }
            let end = start + w
            var bestLane = 0
            var bestCollisions = Int.max
            for lane in 0..<Swift.max(1, maximumLanes) {
                var collisions = 0
                for other in placed {
                    if other.p.lane == lane {
                        if start < other.p.end + gap && other.p.start < end + gap { collisions += 1_000 }
                    } else if other.p.lane < lane {
                        if other.x >= start - 1 && other.x <= end + 1 { collisions += 1 }
                    } else if x >= other.p.start - 1 && x <= other.p.end + 1 {
                        collisions += 1
                    }
                }
                if collisions < bestCollisions {
                    bestCollisions = collisions
                    bestLane = lane
                }
                if collisions == 0 { break }
            }
            if bestCollisions >= 1_000 { overlaps += 1 }
            placed.append((x, Placement(lane: bestLane, start: start, end: end, endAnchored: endAnchored)))
        }
        placements = placed.map(\.p)
        laneCount = (placements.map(\.lane).max() ?? -1) + 1
        self.overlaps = overlaps
    }
}
