//! A step budget for exact searches that are complete but can be exponential.
//!
//! A search that is given a [`SearchBudget`] spends one step per candidate it
//! examines. When the budget runs out it stops with [`BudgetExhausted`], and
//! its caller must report *undecided* (never "does not exist"): the searches
//! are exhaustive, so "not found" means "does not exist" only when they
//! finish within the budget.

/// The budget ran out before the search finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct BudgetExhausted;

/// At most `limit` search steps; [`SearchBudget::unlimited`] never runs out.
#[derive(Clone, Debug)]
pub(crate) struct SearchBudget {
    limit: u64,
    used: u64,
}

impl SearchBudget {
    /// A budget of `limit` steps.
    pub(crate) fn new(limit: u64) -> Self {
        SearchBudget { limit, used: 0 }
    }

    /// A budget that never runs out (for searches whose size is acceptable in
    /// every case the caller can produce).
    pub(crate) fn unlimited() -> Self {
        Self::new(u64::MAX)
    }

    /// Spends one step; `Err` once more than `limit` steps were requested.
    pub(crate) fn step(&mut self) -> Result<(), BudgetExhausted> {
        if self.used >= self.limit {
            return Err(BudgetExhausted);
        }
        self.used += 1;
        Ok(())
    }

    /// The steps spent so far.
    pub(crate) fn used(&self) -> u64 {
        self.used
    }
}
