//! Points and rectangles in diagram units.
//!
//! Coordinates follow SVG: the origin is the diagram's top-left corner, x grows to the right
//! and y grows downwards. One unit is about one CSS pixel at zoom 1.

use serde::Serialize;

/// A point in diagram units (origin top-left, y down).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    /// Distance from the left edge of the diagram.
    pub x: f64,
    /// Distance from the top edge of the diagram.
    pub y: f64,
}

impl Point {
    /// A point at `(x, y)`.
    pub const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }
}

/// An axis-aligned rectangle: its top-left corner and its size, in diagram units.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width (never negative).
    pub width: f64,
    /// Height (never negative).
    pub height: f64,
}

impl Rect {
    /// A rectangle with its top-left corner at `(x, y)`.
    pub const fn new(x: f64, y: f64, width: f64, height: f64) -> Self {
        Self {
            x,
            y,
            width,
            height,
        }
    }

    /// The right edge (`x + width`).
    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    /// The bottom edge (`y + height`).
    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    /// The centre point.
    pub fn center(&self) -> Point {
        Point::new(self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    /// Whether `point` lies inside or on the edge.
    pub fn contains_point(&self, point: Point) -> bool {
        point.x >= self.x
            && point.x <= self.right()
            && point.y >= self.y
            && point.y <= self.bottom()
    }

    /// Whether `inner` lies inside this rectangle with at least `margin` units to spare on
    /// every side.
    ///
    /// ```
    /// use vpclab::layout::Rect;
    /// let outer = Rect::new(0.0, 0.0, 100.0, 100.0);
    /// assert!(outer.contains_rect(&Rect::new(10.0, 10.0, 80.0, 80.0), 10.0));
    /// assert!(!outer.contains_rect(&Rect::new(5.0, 10.0, 80.0, 80.0), 10.0));
    /// ```
    pub fn contains_rect(&self, inner: &Rect, margin: f64) -> bool {
        inner.x >= self.x + margin
            && inner.y >= self.y + margin
            && inner.right() <= self.right() - margin
            && inner.bottom() <= self.bottom() - margin
    }

    /// Whether the two rectangles share any area (touching edges do not count).
    ///
    /// ```
    /// use vpclab::layout::Rect;
    /// let a = Rect::new(0.0, 0.0, 10.0, 10.0);
    /// assert!(a.overlaps(&Rect::new(5.0, 5.0, 10.0, 10.0)));
    /// assert!(!a.overlaps(&Rect::new(10.0, 0.0, 10.0, 10.0)));
    /// ```
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// The smallest rectangle holding both.
    ///
    /// ```
    /// use vpclab::layout::Rect;
    /// let both = Rect::new(0.0, 0.0, 10.0, 10.0).union(&Rect::new(20.0, 5.0, 10.0, 10.0));
    /// assert_eq!(both, Rect::new(0.0, 0.0, 30.0, 15.0));
    /// ```
    pub fn union(&self, other: &Rect) -> Rect {
        let (x, y) = (self.x.min(other.x), self.y.min(other.y));
        Rect::new(
            x,
            y,
            self.right().max(other.right()) - x,
            self.bottom().max(other.bottom()) - y,
        )
    }

    /// Whether the segment from `a` to `b` passes through the inside of this rectangle
    /// (running along an edge or touching it from outside does not count).
    ///
    /// ```
    /// use vpclab::layout::{Point, Rect};
    /// let r = Rect::new(0.0, 0.0, 10.0, 10.0);
    /// assert!(r.crossed_by(Point::new(5.0, -5.0), Point::new(5.0, 20.0)));
    /// assert!(!r.crossed_by(Point::new(10.0, -5.0), Point::new(10.0, 20.0)));
    /// assert!(!r.crossed_by(Point::new(5.0, -5.0), Point::new(5.0, 0.0)));
    /// ```
    pub fn crossed_by(&self, a: Point, b: Point) -> bool {
        // Clip the segment to the open rectangle (Liang–Barsky), with a hair of tolerance so
        // a segment that ends exactly on an edge does not count as entering.
        const EPSILON: f64 = 1e-6;
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let mut t0: f64 = 0.0;
        let mut t1: f64 = 1.0;
        for (p, q) in [
            (-dx, a.x - self.x - EPSILON),
            (dx, self.right() - EPSILON - a.x),
            (-dy, a.y - self.y - EPSILON),
            (dy, self.bottom() - EPSILON - a.y),
        ] {
            if p == 0.0 {
                if q <= 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
            }
        }
        t1 - t0 > EPSILON
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_and_centre_follow_from_corner_and_size() {
        let r = Rect::new(10.0, 20.0, 30.0, 40.0);
        assert_eq!(r.right(), 40.0);
        assert_eq!(r.bottom(), 60.0);
        assert_eq!(r.center(), Point::new(25.0, 40.0));
        assert!(r.contains_point(Point::new(10.0, 60.0)));
        assert!(!r.contains_point(Point::new(9.0, 30.0)));
    }

    #[test]
    fn rectangles_that_only_touch_do_not_overlap() {
        let a = Rect::new(0.0, 0.0, 10.0, 10.0);
        for (other, expected) in [
            (Rect::new(10.0, 0.0, 5.0, 5.0), false),
            (Rect::new(0.0, 10.0, 5.0, 5.0), false),
            (Rect::new(9.0, 9.0, 5.0, 5.0), true),
            (Rect::new(2.0, 2.0, 1.0, 1.0), true),
        ] {
            assert_eq!(a.overlaps(&other), expected, "{other:?}");
            assert_eq!(other.overlaps(&a), expected, "{other:?} (reversed)");
        }
    }
}
