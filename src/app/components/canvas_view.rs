//! The canvas's view of the diagram: one translation and one uniform scale from diagram
//! units to screen pixels, how a zoom keeps the point under the cursor, how the whole
//! diagram is fitted, and the level of detail a scale draws at.

use crate::layout::metrics::{fitted_scale, FIT_MARGIN, MIN_FIT_SCALE};

/// The smallest and largest zoom factors the view allows.
const ZOOM_RANGE: (f64, f64) = (MIN_FIT_SCALE, 4.0);
/// The current view: screen = diagram * scale + offset.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// Horizontal offset in screen pixels.
    pub x: f64,
    /// Vertical offset in screen pixels.
    pub y: f64,
    /// Zoom factor.
    pub scale: f64,
}

impl Default for View {
    fn default() -> Self {
        View {
            x: 8.0,
            y: 8.0,
            scale: 1.0,
        }
    }
}

impl View {
    /// The view as an SVG `transform` attribute (the first frame's, see `Canvas`).
    pub fn svg_transform(&self) -> String {
        format!(
            "translate({:.2} {:.2}) scale({:.4})",
            self.x, self.y, self.scale
        )
    }

    /// The view as a CSS `transform` (with `transform-origin: 0 0`): diagram units to
    /// screen pixels. The viewport group also carries it as `data-view`, for tests and tools
    /// that look at the view without reading styles.
    pub fn css_transform(&self) -> String {
        format!(
            "translate({:.2}px, {:.2}px) scale({:.4})",
            self.x, self.y, self.scale
        )
    }

    /// Zooms by `factor` keeping the screen point (`cx`, `cy`) fixed under the cursor.
    pub fn zoom_at(self, factor: f64, cx: f64, cy: f64) -> View {
        let scale = (self.scale * factor).clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
        let applied = scale / self.scale;
        View {
            x: cx - (cx - self.x) * applied,
            y: cy - (cy - self.y) * applied,
            scale,
        }
    }

    /// The view that shows a `width` × `height` diagram whole in a `screen_w` × `screen_h`
    /// area, as large as [`fitted_scale`] allows: centred across, at the top (room left over
    /// goes to the bottom, where a phone's sheet opens).
    pub fn fit(width: f64, height: f64, screen_w: f64, screen_h: f64) -> View {
        if width <= 0.0 || height <= 0.0 || screen_w <= 0.0 || screen_h <= 0.0 {
            return View::default();
        }
        let scale = fitted_scale(width, height, screen_w, screen_h);
        View {
            x: (screen_w - width * scale) / 2.0,
            y: FIT_MARGIN.min((screen_h - height * scale) / 2.0),
            scale,
        }
    }
}

/// Rounds a zoom scale to one of eight levels per doubling, so that panning and small zooms
/// never redraw the diagram, only move it.
pub fn level_of_detail(scale: f64) -> f64 {
    ((scale.log2() * 8.0).round() / 8.0).exp2()
}
