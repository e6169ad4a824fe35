// Node tests of the TypeScript SDK's retries, hooks, logger, raw access and
// pagination (generated/ts/dist), against a scriptable test double on
// loopback (node:http), not the mock. Run by tests/tests/typescript.rs with
// `node --test` after the package is built. Waits are instant (a zero
// jitter) unless a test measures them.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";

const { ApiError, Client, ClientError } = await import(
  new URL("../../generated/ts/dist/index.js", import.meta.url).href
);

const TOKEN = "tok-3f9a27c1";

/** The double: records every request and answers with `double.script(request, index)`. */
const double = { seen: [], script: () => ({ status: 500, body: "no script" }) };

function envelope(data, trace, fields = {}) {
  return JSON.stringify({
    code: "0", msg: "Success", data, trace, tm: 3, bizCode: "", msgParams: null, ok: true, fail: false, ...fields,
  });
}

const ok = (data) => (request) => ({ status: 200, body: envelope(data, request.headers.trace) });
const failed = (code) => (request) => ({
  status: 200,
  body: envelope(null, request.headers.trace, { code, msg: "It failed", ok: false, fail: true }),
});
const gateway = (status, headers = {}) => () => ({ status, headers, body: `<html>${status}</html>` });

/** Answers in turn, the last one for every further request. */
function sequence(...answers) {
  return (request, index) => answers[Math.min(index, answers.length - 1)](request);
}

before(async () => {
  double.server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const request = { path: req.url, headers: req.headers, body: body ? JSON.parse(body) : null, at: performance.now() };
      double.seen.push(request);
      const answer = double.script(request, double.seen.length - 1);
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(answer.body);
    });
  });
  await new Promise((resolve) => double.server.listen(0, "127.0.0.1", resolve));
  double.url = `http://127.0.0.1:${double.server.address().port}`;
});
after(() => {
  double.server.closeAllConnections();
  double.server.close();
});

/** A fresh script and a client of the double whose retries do not wait. */
function setUp(script, options = {}) {
  double.seen = [];
  double.script = script;
  return new Client({
    baseUrl: double.url,
    companyId: "360",
    token: TOKEN,
    ...options,
    retry: { jitter: () => 0, ...options.retry },
  });
}

/** 25 API keys, served a page at a time by `current` and `size`; page `failing` answers an error envelope. */
function pagedKeys(failing) {
  return (request) => {
    const page = request.body.current ?? 1;
    const size = request.body.size ?? 10;
    if (page === failing) return failed("CUSTOMER_API_0000500")(request);
    const records = [];
    for (let id = (page - 1) * size + 1; id <= Math.min(page * size, 25); id++) records.push({ id, tag: `key-${id}` });
    return ok({ total: 25, current: page, size, records })(request);
  };
}

describe("retries", () => {
  test("a read-only call answered 503, 503 succeeds on the third attempt with one trace", async () => {
    const waits = [];
    const client = setUp(sequence(gateway(503), gateway(503), ok({ id: 14 })), {
      retry: { jitter: (bound) => bound, sleep: async (ms) => void waits.push(ms) },
    });
    const answer = await client.customerApiWebService.withMeta().queryApi({ id: 14n });
    assert.equal(answer.data.id, 14n);
    assert.equal(answer.attempts, 3);
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get("content-type"), "application/json");
    assert.equal(double.seen.length, 3);
    const traces = new Set(double.seen.map((r) => r.headers.trace));
    assert.equal(traces.size, 1, [...traces].join(", "));
    assert.equal(answer.trace, double.seen[0].headers.trace);
    assert.deepEqual(waits, [500, 1000], "exponential backoff from 0.5 s");
  });

  test("a write answered 503 is sent once", async () => {
    const client = setUp(gateway(503));
    await assert.rejects(client.customerApiWebService.delApi({ id: 14n }), (e) => {
      assert.ok(e instanceof ClientError);
      assert.equal(e.kind, "status");
      assert.equal(e.status, 503);
      assert.equal(e.attempts, 1);
      return true;
    });
    assert.equal(double.seen.length, 1);
  });

  test("a write is retried when the caller says it is idempotent", async () => {
    const client = setUp(sequence(gateway(502), ok(null)));
    const answer = await client.customerApiWebService.withMeta().delApi({ id: 14n }, { idempotent: true });
    assert.equal(answer.attempts, 2);
    assert.equal(double.seen.length, 2);
  });

  test("a write that never left is retried, and the error counts the attempts", async () => {
    const closed = http.createServer();
    await new Promise((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = closed.address().port;
    await new Promise((resolve) => closed.close(resolve));
    const client = setUp(gateway(500), { baseUrl: `http://127.0.0.1:${port}` });
    await assert.rejects(client.customerApiWebService.delApi({ id: 14n }), (e) => {
      assert.equal(e.kind, "transport");
      assert.equal(e.attempts, 3);
      assert.match(e.message, /after 3 attempts/);
      return true;
    });
  });

  test("Retry-After is waited for", async () => {
    const client = setUp(sequence(gateway(503, { "retry-after": "1" }), ok({ id: 14 })));
    const started = performance.now();
    await client.customerApiWebService.queryApi({ id: 14n });
    assert.equal(double.seen.length, 2);
    const gap = double.seen[1].at - double.seen[0].at;
    assert.ok(gap >= 900, `waited ${gap} ms`);
    assert.ok(performance.now() - started >= 900);
  });

  test("maxRetries 0 makes one attempt, on the client or per call", async () => {
    let client = setUp(gateway(503), { maxRetries: 0 });
    await assert.rejects(client.customerApiWebService.queryApi({ id: 14n }), { kind: "status", attempts: 1 });
    assert.equal(double.seen.length, 1);
    client = setUp(gateway(503));
    await assert.rejects(client.customerApiWebService.queryApi({ id: 14n }, { maxRetries: 0 }), { attempts: 1 });
    assert.equal(double.seen.length, 1);
    await assert.rejects(client.customerApiWebService.queryApi({ id: 14n }), { kind: "status", attempts: 3 });
    assert.equal(double.seen.length, 4, "the default: 2 retries");
  });

  test("an error envelope is not retried; after a retry it counts the attempts", async () => {
    let client = setUp(failed("CUSTOMER_API_0000404"));
    await assert.rejects(client.customerApiWebService.queryApi({ id: 14n }), (e) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.attempts, 1);
      return true;
    });
    assert.equal(double.seen.length, 1);
    client = setUp(sequence(gateway(504), failed("CUSTOMER_API_0000404")));
    await assert.rejects(client.customerApiWebService.queryApi({ id: 14n }), { code: "CUSTOMER_API_0000404", attempts: 2 });
  });

  test("an abort stops the waits between attempts", async () => {
    const client = setUp(gateway(503), { retry: { jitter: (bound) => bound } });
    const controller = new AbortController();
    const pending = client.customerApiWebService.queryApi({ id: 14n }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(pending, { kind: "aborted", attempts: 1 });
    assert.equal(double.seen.length, 1);
  });
});

describe("pagination", () => {
  test("pageAll walks 3 pages of 25 items lazily, in order", async () => {
    const client = setUp(pagedKeys());
    const keys = client.customerApiWebService.pageAll({ size: 10, tag: "t" });
    assert.equal(double.seen.length, 0, "nothing is fetched before it is asked for");
    const ids = [];
    for await (const key of keys) {
      ids.push(Number(key.id));
      if (ids.length === 10) assert.equal(double.seen.length, 1, "page 2 waits until page 1 is used up");
    }
    assert.deepEqual(ids, Array.from({ length: 25 }, (_, i) => i + 1));
    assert.equal(double.seen.length, 3, "no request after the total");
    double.seen.forEach((r, i) => {
      assert.equal(r.path, "/api/global/customer.app.CustomerApiWebService.page");
      assert.deepEqual(r.body, { size: 10, tag: "t", current: i + 1 });
    });
  });

  test("a page-2 failure throws after page 1's items", async () => {
    const client = setUp(pagedKeys(2));
    const ids = [];
    await assert.rejects(
      (async () => {
        for await (const key of client.customerApiWebService.pageAll({ size: 10 })) ids.push(Number(key.id));
      })(),
      (e) => e instanceof ApiError && e.code === "CUSTOMER_API_0000500",
    );
    assert.equal(ids.length, 10);
    assert.equal(double.seen.length, 2);
  });

  test("without a size, the first page's length is the page size", async () => {
    const client = setUp((request) => {
      const page = request.body.current;
      const records = page < 3 ? [{ id: page * 2 - 1 }, { id: page * 2 }] : [{ id: 5 }];
      return ok({ current: page, records })(request);
    });
    const ids = [];
    for await (const key of client.customerApiWebService.pageAll()) ids.push(Number(key.id));
    assert.deepEqual(ids, [1, 2, 3, 4, 5]);
    assert.equal(double.seen.length, 3, "the short third page ends it");
  });
});

describe("hooks and logging", () => {
  test("onRequest and onResponse see every attempt, with the token masked", async () => {
    const requests = [];
    const responses = [];
    const client = setUp(sequence(gateway(503), gateway(503), ok({ id: 14 })), {
      onRequest: (info) => requests.push(info),
      onResponse: (info) => responses.push(info),
    });
    await client.customerApiWebService.queryApi({ id: 14n });
    assert.equal(requests.length, 3);
    requests.forEach((info, i) => {
      assert.equal(info.operation, "queryApi");
      assert.equal(info.bizType, "customer.app.CustomerApiWebService.queryApi");
      assert.equal(info.attempt, i + 1);
      assert.equal(info.trace, double.seen[i].headers.trace);
      assert.equal(info.headers.token, "<redacted>");
      assert.equal(info.headers.companyId, "360");
    });
    assert.deepEqual(
      responses.map((r) => [r.attempt, r.status, r.code, r.retryInMs !== undefined]),
      [
        [1, 503, undefined, true],
        [2, 503, undefined, true],
        [3, 200, "0", false],
      ],
    );
    assert.ok(responses.every((r) => r.elapsedMs >= 0 && r.elapsedMs < 5000));
    assert.ok(double.seen.every((r) => r.headers.token === TOKEN), "the server got the real token");
  });

  test("a log line never shows a token or a sensitive field", async () => {
    const lines = [];
    const logger = { debug: (message, details) => lines.push(message, details) };
    const client = setUp(sequence(gateway(503), ok({ id: 15 })), { logger });
    const request = { phoneCode: "731904", emailCode: "582216", googleCode: "440127", tag: "bot" };
    await client.customerApiWebService.applyApi(request, { idempotent: true });
    const text = JSON.stringify(lines, (_, v) => (typeof v === "bigint" ? v.toString() : v));
    for (const needle of ["customer.app.CustomerApiWebService.applyApi", '"attempt":2', '"status":503', '"code":"0"', '"tag":"bot"', "<redacted>", "elapsedMs"]) {
      assert.ok(text.includes(needle), `${needle} not logged: ${text}`);
    }
    for (const secret of [TOKEN, "731904", "582216", "440127"]) {
      assert.ok(!text.includes(secret), `${secret} was logged: ${text}`);
    }
    assert.equal(double.seen[1].body.phoneCode, "731904", "the server got it");
  });
});
