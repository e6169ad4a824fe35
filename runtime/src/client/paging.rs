//! Iterating over every item of a paged operation (the spec's
//! `paginate:`): a lazy stream that asks for the next page only when the
//! previous one is used up.
//!
//! The rules, shared by every SDK: the first page is the request's page
//! number (1 when unset); the page size is the request's (or, when unset,
//! the length of the first page); after each page the iterator stops when
//! the page is empty, when `total` is known and `(first - 1) × size +
//! items so far ≥ total`, or, without a total, when the page is shorter
//! than the page size. A failed page (after its retries) is yielded as an
//! error, and the stream ends there.

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::Stream;
use serde::de::DeserializeOwned;

use super::{CallOptions, Client, Error};
use crate::operation::Operation;

/// One page of a paged operation: its items and, when the answer has one,
/// the number of items of all pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: Option<i64>,
}

/// The request of a paged operation; generated for each `paginate:`
/// operation (e.g. `PageRequest` of the API-key service).
pub trait Paginated: Operation + Clone {
    /// One item of a page (`ApiKey`).
    type Item: Send + 'static;
    /// The page number the request asks for, if set.
    fn page_number(&self) -> Option<i64>;
    /// The page size the request asks for, if set.
    fn page_size(&self) -> Option<i64>;
    /// Asks for another page.
    fn set_page_number(&mut self, page: i64);
    /// The items (and total) of one answer's `data`.
    fn into_page(data: Self::Response) -> Page<Self::Item>;
}

/// Where an iteration is: which page comes next, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    first: i64,
    size: Option<i64>,
    seen: u64,
    next: Option<i64>,
}

impl Cursor {
    /// An iteration from page `first` (default 1) with the request's size.
    pub fn new(first: Option<i64>, size: Option<i64>) -> Self {
        let first = first.unwrap_or(1).max(1);
        Cursor {
            first,
            size: size.filter(|s| *s > 0),
            seen: 0,
            next: Some(first),
        }
    }

    /// The page to fetch next; `None` when the iteration is over.
    pub fn next_page(&self) -> Option<i64> {
        self.next
    }

    /// Takes in the page just fetched: its length and the answer's total.
    pub fn advance(&mut self, len: usize, total: Option<i64>) {
        let Some(page) = self.next else { return };
        if page == self.first && self.size.is_none() {
            self.size = Some(len as i64);
        }
        self.seen += len as u64;
        let size = self.size.unwrap_or(0);
        let done = match total {
            _ if len == 0 => true,
            Some(total) => {
                let before = (self.first - 1).saturating_mul(size);
                before.saturating_add(self.seen as i64) >= total
            }
            None => (len as i64) < size,
        };
        self.next = if done { None } else { page.checked_add(1) };
    }

    /// Ends the iteration (after an error).
    pub fn stop(&mut self) {
        self.next = None;
    }
}

/// Every item of a paged operation, page by page: a [`Stream`] of
/// `Result<Item, ClientError>` that is also usable without any stream
/// crate, through [`Pages::next`] and [`Pages::try_collect`].
pub struct Pages<T> {
    inner: Pin<Box<dyn Stream<Item = Result<T, Error>> + Send>>,
}

impl<T> std::fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages").finish_non_exhaustive()
    }
}

impl<T> Stream for Pages<T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<T> Pages<T> {
    /// The next item, fetching the next page when this one is used up;
    /// `None` at the end.
    pub async fn next(&mut self) -> Option<Result<T, Error>> {
        std::future::poll_fn(|cx| self.inner.as_mut().poll_next(cx)).await
    }

    /// Every remaining item, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<T>, Error> {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }
}

struct State<O: Paginated> {
    client: Client,
    request: O,
    options: CallOptions,
    cursor: Cursor,
    buffer: VecDeque<O::Item>,
}

impl Client {
    /// Every item of a paged operation from `request`'s page on; each page
    /// is one call with `options` (and its retries).
    pub fn page_all<O>(&self, request: &O, options: &CallOptions) -> Pages<O::Item>
    where
        O: Paginated,
        O::Response: DeserializeOwned,
    {
        let state = State {
            client: self.clone(),
            cursor: Cursor::new(request.page_number(), request.page_size()),
            request: request.clone(),
            options: options.clone(),
            buffer: VecDeque::new(),
        };
        let stream = futures_util::stream::unfold(state, |mut s| async move {
            loop {
                if let Some(item) = s.buffer.pop_front() {
                    return Some((Ok(item), s));
                }
                let page = s.cursor.next_page()?;
                s.request.set_page_number(page);
                match s.client.call_op(&s.request, &s.options).await {
                    Ok(response) => {
                        let Page { items, total } = O::into_page(response.data);
                        s.cursor.advance(items.len(), total);
                        s.buffer.extend(items);
                    }
                    Err(e) => {
                        s.cursor.stop();
                        return Some((Err(e), s));
                    }
                }
            }
        });
        Pages {
            inner: Box::pin(stream),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Cursor;

    /// Pages fetched for pages of these lengths and totals.
    fn walk(first: Option<i64>, size: Option<i64>, pages: &[(usize, Option<i64>)]) -> Vec<i64> {
        let mut c = Cursor::new(first, size);
        let mut fetched = Vec::new();
        for (len, total) in pages {
            let Some(p) = c.next_page() else { break };
            fetched.push(p);
            c.advance(*len, *total);
        }
        assert_eq!(c.next_page(), None, "more pages than given: {fetched:?}");
        fetched
    }

    #[test]
    fn stops_at_the_total() {
        let t = Some(25);
        assert_eq!(walk(None, Some(10), &[(10, t), (10, t), (5, t)]), [1, 2, 3]);
        // A total that is a multiple of the size needs no empty page.
        let t = Some(20);
        assert_eq!(walk(None, Some(10), &[(10, t), (10, t)]), [1, 2]);
        // From page 2: the items of page 1 count towards the total.
        let t = Some(25);
        assert_eq!(walk(Some(2), Some(10), &[(10, t), (5, t)]), [2, 3]);
        assert_eq!(walk(None, None, &[(10, t), (10, t), (5, t)]), [1, 2, 3]);
    }

    #[test]
    fn without_a_total_stops_at_a_short_or_empty_page() {
        assert_eq!(walk(None, Some(10), &[(10, None), (3, None)]), [1, 2]);
        assert_eq!(walk(None, Some(10), &[(10, None), (0, None)]), [1, 2]);
        // The size unknown: the first page's length is the size.
        assert_eq!(
            walk(None, None, &[(20, None), (20, None), (1, None)]),
            [1, 2, 3]
        );
        assert_eq!(walk(None, None, &[(0, None)]), [1]);
    }

    #[test]
    fn an_empty_page_ends_even_below_the_total() {
        assert_eq!(
            walk(None, Some(10), &[(10, Some(50)), (0, Some(50))]),
            [1, 2]
        );
    }
}
