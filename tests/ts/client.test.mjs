// Node tests of the compiled TypeScript SDK (generated/ts/dist), run by
// tests/tests/typescript.rs with `node --test`. The Rust test starts the
// mock on loopback and passes:
//   BIZGEN_MOCK_URL        base URL of the mock
//   BIZGEN_SEMANTIC_MOCK_URL  the mock answering errors with 4xx/5xx statuses
//   BIZGEN_TOKEN           the C-side token the mock accepts
//   BIZGEN_ADMIN_TOKEN     the B-side token the mock accepts
//   BIZGEN_TS_OPERATIONS   a JSON file: per operation, the service property,
//                          method, access, an example request and what the
//                          mock answers
// A test double (node:http on 127.0.0.1) answers what the mock cannot:
// error envelopes with string data, validation pointers, unknown fields and
// enum codes, int64 beyond 2^53, semantic HTTP statuses, broken bodies.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { readFileSync } from "node:fs";

const { ApiError, Client, ClientError, ErrorCode, redact, stringifyJson } = await import(
  new URL("../../generated/ts/dist/index.js", import.meta.url).href
);

const env = (name) => {
  const value = process.env[name];
  assert.ok(value, `${name} is not set: run these tests through \`cargo test --test typescript\``);
  return value;
};
const MOCK_URL = env("BIZGEN_MOCK_URL");
const SEMANTIC_MOCK_URL = env("BIZGEN_SEMANTIC_MOCK_URL");
const TOKEN = env("BIZGEN_TOKEN");
const ADMIN_TOKEN = env("BIZGEN_ADMIN_TOKEN");
const OPERATIONS = JSON.parse(readFileSync(env("BIZGEN_TS_OPERATIONS"), "utf8"));

/** A fetch that records what was sent. */
function recordingFetch() {
  const sent = [];
  const fetchFn = async (url, init) => {
    sent.push({ url: String(url), headers: new Headers(init.headers), body: init.body });
    return fetch(url, init);
  };
  return { sent, fetch: fetchFn };
}

/** bigint → number, nulls and undefined dropped: how decoded data compares with an example. */
function comparable(value) {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(comparable);
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== null && v !== undefined) out[k] = comparable(v);
    }
    return out;
  }
  return value;
}

const LOGIN_REQUEST = {
  type: 2,
  phoneArea: "+86",
  device: 1,
  loginName: "13429837442",
  isThird: false,
  loginPwd: "dc483e80a7a0bd9ef71d8cf973673924",
};

describe("against the mock", () => {
  test("login then findCustomerInfo with the token login returned", async () => {
    const rec = recordingFetch();
    const client = new Client({ baseUrl: MOCK_URL, companyId: "360", fetch: rec.fetch });
    const login = await client.customerWebApiService.login(LOGIN_REQUEST);
    assert.equal(login.token, TOKEN, "the mock's login hands out the token it accepts");
    assert.equal(login.id, 1176n);
    client.setToken(login.token);
    const info = await client.customerWebApiService.findCustomerInfo({}, { trace: "t-info" });
    assert.equal(typeof info, "object");
    assert.equal(rec.sent[0].headers.get("token"), null, "login is a guest operation");
    assert.equal(rec.sent[1].headers.get("token"), login.token);
    assert.equal(rec.sent[1].headers.get("trace"), "t-info");
  });

  test("every operation once, with the headers its access level asks for", async () => {
    const rec = recordingFetch();
    const client = new Client({
      baseUrl: MOCK_URL,
      companyId: "360",
      lang: "zh-CN",
      token: TOKEN,
      adminToken: ADMIN_TOKEN,
      forwardedFor: "203.0.113.7",
      fetch: rec.fetch,
    });
    const accesses = new Set();
    for (const op of OPERATIONS) {
      const label = `${op.service}.${op.method} (${op.path})`;
      const service = client[op.service];
      assert.ok(service, `no client.${op.service}`);
      assert.equal(typeof service[op.method], "function", `no method ${label}`);
      let outcome;
      try {
        outcome = { data: await service[op.method](op.request) };
      } catch (e) {
        if (!(e instanceof ApiError)) throw new Error(`${label}: ${e}`, { cause: e });
        outcome = { error: e.code };
      }
      if ("error" in op.expect) {
        assert.deepEqual(outcome, { error: op.expect.error }, label);
      } else {
        assert.ok("data" in outcome, `${label}: ${outcome.error}`);
        const want = op.expect.data === null || (typeof op.expect.data === "object" && Object.keys(op.expect.data).length === 0 && !Array.isArray(op.expect.data))
          ? undefined
          : comparable(op.expect.data);
        if (want !== undefined) assert.deepEqual(comparable(outcome.data), want, label);
      }
      const sent = rec.sent.at(-1);
      assert.equal(new URL(sent.url).pathname, op.path, label);
      const token = sent.headers.get("token");
      const expected = { guest: null, login: TOKEN, optional: TOKEN, admin: ADMIN_TOKEN }[op.access];
      assert.equal(token, expected, `${label}: token header`);
      assert.equal(sent.headers.get("content-type"), "application/json", label);
      assert.match(sent.headers.get("trace"), /^x-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, label);
      assert.equal(sent.headers.get("x-forwarded-for"), op.forwardedFor ? "203.0.113.7" : null, label);
      accesses.add(op.access);
    }
    assert.deepEqual([...accesses].sort(), ["admin", "guest", "login", "optional"]);
    const traces = new Set(rec.sent.map((s) => s.headers.get("trace")));
    assert.equal(traces.size, rec.sent.length, "a fresh trace per call");
  });

  test("an optional-token operation sends a token only when the client has one", async () => {
    const rec = recordingFetch();
    const client = new Client({ baseUrl: MOCK_URL, companyId: "360", fetch: rec.fetch });
    await client.thirdExt.randomKey();
    client.setToken(TOKEN);
    await client.thirdExt.randomKey();
    assert.deepEqual(rec.sent.map((s) => s.headers.get("token")), [null, TOKEN]);
  });

  test("a missing token fails before anything is sent", async () => {
    const rec = recordingFetch();
    const client = new Client({ baseUrl: MOCK_URL, companyId: "360", fetch: rec.fetch });
    await assert.rejects(client.customerWebApiService.findCustomerInfo(), (e) => {
      assert.ok(e instanceof ClientError);
      assert.equal(e.kind, "missingToken");
      return true;
    });
    await assert.rejects(client.whiteCustomerAdminApiService.detail({ type: 1, id: "1", customerNo: "1" }), {
      kind: "missingToken",
    });
    assert.equal(rec.sent.length, 0);
  });

  test("a required header without a value fails before anything is sent; per-call headers fill it in", async () => {
    const register = OPERATIONS.find((op) => op.forwardedFor);
    assert.ok(register, "an operation requires X-Forwarded-For");
    const rec = recordingFetch();
    const client = new Client({ baseUrl: MOCK_URL, companyId: "360", fetch: rec.fetch });
    const call = (options) => client[register.service][register.method](register.request, options);
    await assert.rejects(call(), (e) => {
      assert.ok(e instanceof ClientError, String(e));
      assert.equal(e.kind, "missingHeader");
      assert.equal(e.attempts, 0);
      assert.match(e.message, /"X-Forwarded-For".*forwardedFor/);
      return true;
    });
    assert.equal(rec.sent.length, 0);
    try {
      await call({ headers: { "x-forwarded-for": "198.51.100.9", "X-Request-Source": "test", Trace: "t-given" } });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
    const sent = rec.sent.at(-1);
    assert.equal(sent.headers.get("x-forwarded-for"), "198.51.100.9");
    assert.equal(sent.headers.get("x-request-source"), "test", "a name the operation does not take is sent too");
    assert.equal(sent.headers.get("trace"), "t-given");
  });

  test("the server's validation errors are reachable as pointers", async () => {
    const client = new Client({ baseUrl: MOCK_URL, companyId: "360" });
    await assert.rejects(client.customerWebApiService.login({ ...LOGIN_REQUEST, loginPwd: "not-an-md5" }), (e) => {
      assert.ok(e instanceof ApiError, String(e));
      assert.equal(e.code, ErrorCode.BIZGEN_VALIDATION);
      assert.ok(e.violations.some((v) => v.pointer === "/loginPwd" && v.reason.length > 0), JSON.stringify(e.data));
      return true;
    });
  });
});

describe("against the mock with semantic HTTP statuses", () => {
  test("the envelope is read whatever the status", async () => {
    const client = new Client({ baseUrl: SEMANTIC_MOCK_URL, companyId: "360" });
    const login = await client.customerWebApiService.login(LOGIN_REQUEST);
    assert.equal(login.token, TOKEN);
    await assert.rejects(client.customerWebApiService.login({ ...LOGIN_REQUEST, loginPwd: "not-an-md5" }), (e) => {
      assert.ok(e instanceof ApiError, String(e));
      assert.equal(e.code, ErrorCode.BIZGEN_VALIDATION);
      assert.ok(e.status >= 400, `HTTP ${e.status}`);
      assert.ok(e.violations.some((v) => v.pointer === "/loginPwd"));
      return true;
    });
    client.setToken("not-the-token");
    await assert.rejects(client.customerWebApiService.findCustomerInfo(), (e) => {
      assert.ok(e instanceof ApiError, String(e));
      assert.equal(e.code, ErrorCode.BIZGEN_UNAUTHENTICATED);
      assert.equal(e.status, 401);
      return true;
    });
    client.setToken(login.token);
    assert.equal(typeof (await client.customerWebApiService.findCustomerInfo()), "object");
  });
});

/** The test double: answers with whatever the next test sets, and records the request. */
const double = {
  server: undefined,
  url: undefined,
  answer: { status: 200, body: "" },
  last: undefined,
};

function envelope(fields) {
  return JSON.stringify({ code: "0", msg: "Success", trace: "t-double", tm: 1, bizCode: "", msgParams: null, ok: true, fail: false, ...fields });
}

function errorEnvelope(fields) {
  return envelope({ ok: false, fail: true, ...fields });
}

describe("against a test double", () => {
  before(async () => {
    double.server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        double.last = { path: req.url, headers: req.headers, body };
        if (double.answer === "hang") return; // never answers
        res.writeHead(double.answer.status, { "content-type": "application/json" });
        res.end(double.answer.body);
      });
    });
    await new Promise((resolve) => double.server.listen(0, "127.0.0.1", resolve));
    double.url = `http://127.0.0.1:${double.server.address().port}`;
  });
  after(() => {
    double.server.closeAllConnections();
    double.server.close();
  });

  const client = (options = {}) =>
    new Client({ baseUrl: double.url, companyId: "360", token: "tok", adminToken: "adm", ...options });

  test("int64 beyond 2^53 without loss, both ways", async () => {
    const big = "9007199254740993";
    double.answer = {
      status: 200,
      body: `{"code":"0","msg":"Success","trace":"t","tm":9007199254740993,"ok":true,"fail":false,"data":{"id":${big},"customerId":-${big},"companyId":360,"apiKey":"k","ipLimit":false,"updateTime":1654081061854}}`,
    };
    const key = await client().customerApiWebService.queryApi({ id: 9007199254740993n });
    assert.ok(double.last.body.includes(`"id":${big}`), double.last.body);
    assert.equal(key.id, 9007199254740993n);
    assert.equal(key.customerId, -9007199254740993n);
    assert.equal(key.companyId, 360n);
    assert.equal(key.updateTime, 1654081061854);
    assert.notEqual(JSON.parse(`{"id":${big}}`).id.toString(), big, "JSON.parse would have lost it");
    assert.equal(stringifyJson({ id: 9007199254740993n, skip: undefined }), `{"id":${big}}`);
  });

  test("an error envelope whose data is a string", async () => {
    double.answer = {
      status: 200,
      body: errorEnvelope({ code: "CUSTOMER_API_0000511", msg: "Verification code is not correct", data: "customer.app.CustomerWebApiService.bindEmail", trace: "t-err" }),
    };
    await assert.rejects(client().customerWebApiService.bindEmail({ verifyCode: "1", email: "a@b.c", sendToken: "s" }), (e) => {
      assert.ok(e instanceof ApiError);
      assert.ok(e instanceof Error);
      assert.equal(e.code, ErrorCode.CUSTOMER_API_0000511);
      assert.equal(e.msg, "Verification code is not correct");
      assert.equal(e.data, "customer.app.CustomerWebApiService.bindEmail");
      assert.equal(e.msgParams, null);
      assert.equal(e.trace, "t-err");
      assert.equal(e.status, 200);
      assert.deepEqual(e.violations, []);
      return true;
    });
  });

  test("a validation error with pointers, on a semantic HTTP status", async () => {
    const violations = [
      { pointer: "/loginName", reason: "required field is missing" },
      { pointer: "/headers/companyId", reason: "required header is missing" },
    ];
    double.answer = { status: 400, body: errorEnvelope({ code: "BIZGEN_VALIDATION", msg: "Request validation failed", data: violations }) };
    await assert.rejects(client().customerWebApiService.login(LOGIN_REQUEST), (e) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.status, 400);
      assert.deepEqual(e.violations, violations);
      return true;
    });
    double.answer = { status: 401, body: errorEnvelope({ code: "BIZGEN_UNAUTHENTICATED", msg: "Missing or invalid token", data: null }) };
    await assert.rejects(client().customerWebApiService.findCustomerInfo(), { name: "ApiError", code: "BIZGEN_UNAUTHENTICATED", status: 401 });
  });

  test("unknown fields and an unknown enum code are accepted", async () => {
    double.answer = {
      status: 200,
      body: envelope({
        data: { id: 1176, registerSource: 99, openAccountType: 42, brandNewField: { nested: [1, 2] }, token: "tok-2", phone: null },
      }),
    };
    const login = await client().customerWebApiService.login(LOGIN_REQUEST);
    assert.equal(login.registerSource, 99);
    assert.equal(login.openAccountType, 42);
    assert.equal(login.id, 1176n);
    assert.deepEqual(login.brandNewField, { nested: [1, 2] });
    assert.equal(login.phone, null, "nullable fields keep null");
  });

  test("null in an optional, non-nullable field reads as absent", async () => {
    double.answer = { status: 200, body: envelope({ data: { accountId: 1031717, currency: null } }) };
    const account = await client().customerWebApiService.queryAccountById({ accountId: 1031717n });
    assert.equal(account.accountId, 1031717n);
    assert.equal("currency" in account, false);
  });

  test("headers: version, companyId, lang, trace, token", async () => {
    double.answer = { status: 200, body: envelope({ data: null }) };
    await client({ lang: "zh-CN" }).customerWebApiService.bindEmail({ verifyCode: "1", email: "a@b.c", sendToken: "s" }, { trace: "t-given" });
    const h = double.last.headers;
    assert.equal(h.version, "0.0.1");
    assert.equal(h.companyid, "360");
    assert.equal(h.lang, "zh-CN");
    assert.equal(h.trace, "t-given");
    assert.equal(h.token, "tok");
    assert.equal(h["content-type"], "application/json");
    await client().whiteCustomerAdminApiService.detail({ type: 1, id: "1", customerNo: "1" }).catch(() => {});
    assert.equal(double.last.headers.token, "adm", "admin operations send the admin token");
    await client({ version: "9.9.9" }).customerWebApiService.bindEmail({ verifyCode: "1", email: "a@b.c", sendToken: "s" });
    assert.equal(double.last.headers.version, "9.9.9");
  });

  test("decode failures say where", async () => {
    double.answer = { status: 200, body: envelope({ data: { id: "fourteen" } }) };
    await assert.rejects(client().customerApiWebService.queryApi({ id: 14n }), (e) => {
      assert.ok(e instanceof ClientError);
      assert.equal(e.kind, "decode");
      assert.match(e.message, /\/data\/id/);
      return true;
    });
    // A gateway's error page on a retryable status: an HTTP failure, after the retries.
    double.answer = { status: 502, body: "<html>Bad gateway</html>" };
    await assert.rejects(client({ retry: { jitter: () => 0 } }).customerApiWebService.queryApi({ id: 14n }), (e) => {
      assert.equal(e.kind, "status");
      assert.equal(e.attempts, 3);
      assert.equal(e.status, 502);
      assert.equal(e.body, "<html>Bad gateway</html>");
      return true;
    });
    double.answer = { status: 200, body: '{"code":"0","ok":true,"data":{"id":1' };
    await assert.rejects(client().customerApiWebService.queryApi({ id: 14n }), { kind: "decode" });
  });

  test("timeout, abort and transport failures", async () => {
    double.answer = "hang";
    await assert.rejects(client({ timeoutMs: 50 }).customerWebApiService.findCustomerInfo(), { kind: "timeout" });
    const controller = new AbortController();
    const pending = client().customerWebApiService.findCustomerInfo({}, { signal: controller.signal });
    controller.abort();
    await assert.rejects(pending, { kind: "aborted" });
    const closed = http.createServer();
    await new Promise((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = closed.address().port;
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(client({ baseUrl: `http://127.0.0.1:${port}` }).customerWebApiService.findCustomerInfo(), {
      kind: "transport",
    });
  });

  test("redact masks sensitive fields for logging", () => {
    const masked = redact({ ...LOGIN_REQUEST, nested: [{ token: "secret", rToken: null }] });
    assert.equal(masked.loginPwd, "<redacted>");
    assert.equal(masked.loginName, LOGIN_REQUEST.loginName);
    assert.equal(masked.nested[0].token, "<redacted>");
    assert.equal(masked.nested[0].rToken, null);
    assert.equal(LOGIN_REQUEST.loginPwd, "dc483e80a7a0bd9ef71d8cf973673924", "the original is unchanged");
  });
});
