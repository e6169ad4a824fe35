//! Spreading independent pieces of work (spec files to parse, pieces of
//! generated code to format) over the available cores.

/// Runs `work` on every item on up to `available_parallelism` threads and
/// returns the results in item order. Items are dealt out heaviest first,
/// each to the least loaded thread. An item whose thread panicked has
/// `None`, for the caller to report.
pub(crate) fn map_balanced<T, R>(
    items: &[T],
    weight: impl Fn(&T) -> usize,
    work: impl Fn(usize, &T) -> R + Sync,
) -> Vec<Option<R>>
where
    T: Sync,
    R: Send,
{
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items
            .iter()
            .enumerate()
            .map(|(i, item)| Some(work(i, item)))
            .collect();
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(weight(&items[i])));
    let mut buckets: Vec<(usize, Vec<usize>)> = vec![(0, Vec::new()); threads];
    for i in order {
        if let Some(lightest) = buckets.iter_mut().min_by_key(|(load, _)| *load) {
            lightest.0 += weight(&items[i]);
            lightest.1.push(i);
        }
    }
    let mut results: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = buckets
            .into_iter()
            .map(|(_, indices)| {
                scope.spawn(move || {
                    indices
                        .into_iter()
                        .map(|i| (i, work(i, &items[i])))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for handle in handles {
            if let Ok(done) = handle.join() {
                for (i, result) in done {
                    results[i] = Some(result);
                }
            }
        }
    });
    results
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_back_in_item_order() {
        let items: Vec<usize> = (0..50).collect();
        let out = super::map_balanced(&items, |n| n % 7, |i, n| (i, n * 2));
        let want: Vec<Option<(usize, usize)>> = (0..50).map(|i| Some((i, i * 2))).collect();
        assert_eq!(out, want);
    }
}
