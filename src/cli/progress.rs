//! Progress bars on the terminal for the library's [`Update`]s.
//!
//! One function, [`Bars::update`], turns every kind of update into bars: one
//! bar per [`Stage`], its length the `total` (blocks) or `expected`
//! (solutions), its message the latest [`Update::Phase`] or the solver's path
//! and certification counts. The bars are drawn on stderr, and only when
//! stderr is a terminal and `--quiet` is absent ([`Bars::for_terminal`]); on
//! a pipe or a file nothing is drawn, so redirected output and logs stay
//! clean.

use crate::progress::{ProgressObserver, Stage, Update};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::{Arc, Mutex};

/// Progress bars on stderr, one per stage.
pub struct Bars {
    multi: MultiProgress,
    bars: Mutex<HashMap<Stage, ProgressBar>>,
}

impl Bars {
    /// Bars drawn on stderr, or `None` when `quiet` or when stderr is not a
    /// terminal.
    pub fn for_terminal(quiet: bool) -> Option<Arc<Bars>> {
        (!quiet && std::io::stderr().is_terminal()).then(|| {
            Arc::new(Bars {
                multi: MultiProgress::with_draw_target(ProgressDrawTarget::stderr()),
                bars: Mutex::new(HashMap::new()),
            })
        })
    }

    /// An observer for the library's options that feeds these bars.
    pub fn observer(self: &Arc<Self>) -> ProgressObserver {
        let bars = Arc::clone(self);
        ProgressObserver::new(move |u: &Update| bars.update(u))
    }

    /// A plain counting bar (for example the architectures of a batch).
    pub fn counter(&self, name: &str, total: u64) -> ProgressBar {
        let bar = self.multi.add(ProgressBar::new(total));
        bar.set_style(style());
        bar.set_prefix(name.to_string());
        bar
    }

    /// Shows `update` on the bar of its stage (created on first use).
    pub fn update(&self, update: &Update) {
        let Ok(mut bars) = self.bars.lock() else {
            return; // a panicking observer elsewhere: drawing is not essential
        };
        let stage = match update {
            Update::Blocks { stage, .. }
            | Update::Solutions { stage, .. }
            | Update::Phase { stage, .. } => *stage,
        };
        let bar = bars.entry(stage).or_insert_with(|| {
            let bar = self.multi.add(ProgressBar::new(0));
            bar.set_style(style());
            bar.set_prefix(stage.name());
            bar
        });
        match update {
            Update::Blocks { done, total, .. } => {
                bar.set_length(*total);
                bar.set_position(*done);
            }
            Update::Solutions {
                found,
                expected,
                paths,
                certified,
                ..
            } => {
                bar.set_length(*expected);
                bar.set_position(*found);
                bar.set_message(format!("{paths} paths, {certified} certified"));
            }
            Update::Phase { message, .. } => bar.set_message(message.clone()),
        }
    }

    /// Removes every bar from the terminal.
    pub fn finish(&self) {
        if let Ok(bars) = self.bars.lock() {
            for bar in bars.values() {
                bar.finish_and_clear();
            }
        }
        let _ = self.multi.clear();
    }
}

fn style() -> ProgressStyle {
    ProgressStyle::with_template("{prefix:>16} [{bar:30}] {pos}/{len} {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}
