//! Choosing the arrangement: plan the whole diagram (sizes only, nothing placed) under each
//! candidate [`Arrangement`] and keep the one that suits the screen best.
//!
//! Coordinates are diagram units (origin top-left, y down); the screen is in CSS pixels, and
//! [`fitted_scale`] relates the two the way the view's "fit" does.
//!
//! Its stages are functions of their own (`#[inline(never)]`), for the reason
//! [`crate::model::document`]'s validation gives: the whole layout as one 30 KB function
//! cost about 50 ms of V8's optimising compiler when 20,000 instances were first drawn.

use std::ops::Range;

use super::engine::{
    fit_cols, flow_rows, grid_size, stack, Arrangement, Outside, Planner, RegionPlan, Size,
};
use super::metrics::*;
use super::scene::Scene;
use super::LayoutOptions;

/// The plan of the whole diagram under one arrangement.
pub(super) struct TopPlan {
    pub(super) arrangement: Arrangement,
    pub(super) regions: Vec<RegionPlan>,
    pub(super) rows: Vec<(Range<usize>, f64)>,
    pub(super) outside_cols: usize,
    pub(super) outside_size: Size,
    pub(super) size: Size,
}

#[inline(never)]
pub(super) fn plan(scene: &Scene, options: &LayoutOptions, arrangement: Arrangement) -> TopPlan {
    let planner = Planner {
        options,
        wraps: arrangement.wrap_width.is_some() || arrangement.region_width.is_some(),
    };
    let outside_count = 1 + scene.datacenters.len();
    let column_w = NODE_WIDTH + OUTSIDE_GAP;
    let width = arrangement.wrap_width.unwrap_or(f64::INFINITY);
    let room = match arrangement.outside {
        Outside::Top => width - 2.0 * MARGIN,
        Outside::Left => width - 2.0 * MARGIN - column_w,
    };
    let region_room = room.min(arrangement.region_width.unwrap_or(f64::INFINITY));
    let regions: Vec<RegionPlan> = scene
        .regions
        .iter()
        .map(|r| planner.region(r, region_room))
        .collect();
    let sizes: Vec<Size> = regions.iter().map(|r| r.size).collect();
    let (rows, rows_size) = flow_rows(&sizes, room, REGION_GAP);
    let rows_size = Size {
        h: if rows.is_empty() {
            0.0
        } else {
            stack(
                &rows.iter().map(|(_, h)| *h).collect::<Vec<_>>(),
                OUTSIDE_GAP,
            )
        },
        ..rows_size
    };
    let (outside_cols, outside_size, size) = match arrangement.outside {
        Outside::Top => {
            let natural = fit_cols(rows_size.w).max(STRIP_MIN_COLUMNS);
            let cols = if planner.wraps {
                fit_cols(room).min(natural)
            } else {
                natural
            };
            let grid = grid_size(outside_count, cols, OUTSIDE_HEIGHT);
            let body = if rows.is_empty() {
                0.0
            } else {
                OUTSIDE_GAP + rows_size.h
            };
            let size = Size {
                w: 2.0 * MARGIN + grid.w.max(rows_size.w),
                h: 2.0 * MARGIN + grid.h + body,
            };
            (cols, grid, size)
        }
        Outside::Left => {
            let grid = grid_size(outside_count, 1, OUTSIDE_HEIGHT);
            let regions_w = if rows.is_empty() {
                0.0
            } else {
                OUTSIDE_GAP + rows_size.w
            };
            let size = Size {
                w: 2.0 * MARGIN + NODE_WIDTH + regions_w,
                h: 2.0 * MARGIN + grid.h.max(rows_size.h),
            };
            (1, grid, size)
        }
    };
    TopPlan {
        arrangement,
        regions,
        rows,
        outside_cols,
        outside_size,
        size,
    }
}

/// The wrap widths [`choose`] tries, as fractions of the natural (unwrapped) width.
const WRAP_FACTORS: [f64; 17] = [
    1.6, 1.45, 1.3, 1.15, 1.0, 0.9, 0.8, 0.72, 0.65, 0.58, 0.5, 0.45, 0.4, 0.35, 0.3, 0.26, 0.22,
];

/// How well a `w` × `h` diagram suits a `width` × `height` screen: the zoom it is fitted at,
/// counted only up to 1 (beyond that, everything is readable anyway), then the share of the
/// screen it covers.
fn suitability(w: f64, h: f64, width: f64, height: f64) -> (f64, f64) {
    let scale = fitted_scale(w, h, width, height);
    let covered = (w * scale * h * scale) / (width * height).max(1.0);
    (scale.min(1.0), covered)
}

/// Whether `candidate` suits the screen better than `best`: drawn more than 1 % larger, or
/// as large and covering more of the screen.
fn better(candidate: (f64, f64), best: (f64, f64)) -> bool {
    candidate.0 > best.0 * 1.01 || (candidate.0 >= best.0 * 0.99 && candidate.1 > best.1 + 0.02)
}

/// The arrangement under which `scene` suits a `width` × `height` screen (CSS pixels) best
/// ([`suitability`]): the natural one unless another is better. It tries the outside items on
/// top and on the left, rows wrapping at [`WRAP_FACTORS`] of the natural width and, when there
/// are several regions, the inside of regions narrower still.
#[inline(never)]
pub(super) fn choose(
    scene: &Scene,
    options: &LayoutOptions,
    width: f64,
    height: f64,
) -> Arrangement {
    let natural = plan(scene, options, Arrangement::default());
    let widest_region = natural.regions.iter().fold(0.0_f64, |w, r| w.max(r.size.w));
    let mut best = (
        suitability(natural.size.w, natural.size.h, width, height),
        natural.arrangement,
    );
    let region_widths: &[Option<f64>] = if scene.regions.len() > 1 {
        &[None, Some(0.75), Some(0.55), Some(0.4)]
    } else {
        &[None]
    };
    for outside in [Outside::Top, Outside::Left] {
        for factor in WRAP_FACTORS {
            for region_factor in region_widths {
                let arrangement = Arrangement {
                    outside,
                    wrap_width: Some(natural.size.w * factor),
                    region_width: region_factor.map(|f| widest_region * f),
                };
                let candidate = plan(scene, options, arrangement);
                let score = suitability(candidate.size.w, candidate.size.h, width, height);
                if better(score, best.0) {
                    best = (score, arrangement);
                }
            }
        }
    }
    best.1
}
