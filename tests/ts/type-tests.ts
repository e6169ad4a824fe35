// Type tests of the TypeScript SDK, checked by `tsc -p tests/ts` (run by
// tests/tests/typescript.rs). Each `@ts-expect-error` line must be an
// error: tsc fails on one that is not, and the Rust test checks that the
// same lines are the only errors once the comments are removed.

import {
  ApiError,
  Client,
  ClientError,
  ClientSource,
  ErrorCode,
  LoginType,
  PackageDuration,
  redact,
  customerApiWebService,
  customerWebApiService,
  whiteCustomerAdminApiService,
  type ApiKey,
  type ApiKeyPage,
  type ClientErrorKind,
  type LoginResult,
  type RequestInfo,
  type Response,
  type ResponseInfo,
  type Violation,
} from "../../generated/ts/src/index.js";

declare const client: Client;

// A correct request literal compiles; enum consts and plain codes both work.
export const login: customerWebApiService.LoginRequest = {
  type: LoginType.Email,
  loginName: "someone@example.com",
  device: ClientSource.H5,
  isThird: false,
  loginPwd: "dc483e80a7a0bd9ef71d8cf973673924",
};

export const wrongType: customerWebApiService.LoginRequest = {
  ...login,
  // @ts-expect-error a wrong field type: isThird is a boolean
  isThird: "no",
};

// @ts-expect-error a missing required field: loginName
export const missing: customerWebApiService.LoginRequest = { type: 1, device: 1, isThird: false };

export const unknownField: customerWebApiService.LoginRequest = {
  ...login,
  // @ts-expect-error an unknown field in a request literal
  loginPassword: "x",
};

// An optional field that is not nullable takes no null.
export const optionalNotNull: customerWebApiService.LoginRequest = {
  ...login,
  // @ts-expect-error phoneArea is `string | undefined`, not null
  phoneArea: null,
};

// Enums admit codes this version does not know, of the right kind only.
export const futureLoginType: LoginType = 42;
export const futureDuration: PackageDuration = "decade";
// @ts-expect-error a string is not an integer-coded LoginType
export const wrongKind: LoginType = "1";

// int64 is bigint, in requests and responses.
export const del: customerApiWebService.DelApiRequest = { id: 9007199254740993n };
// @ts-expect-error an int64 field takes a bigint, not a number
export const delNumber: customerApiWebService.DelApiRequest = { id: 14 };

export async function calls(): Promise<void> {
  const result: LoginResult = await client.customerWebApiService.login(login, { trace: "t-1" });
  client.setToken(result.token);
  const id: bigint | null | undefined = result.id;
  // @ts-expect-error an int64 response field is not a number
  const idNumber: number | null | undefined = result.id;
  // decimals are strings, timestamps numbers
  const balance: string | null | undefined = result.accountList?.[0]?.balance;
  const loginTime: number | null | undefined = result.loginTime;

  // A request without required fields may be left out; an empty one takes no fields.
  const info = await client.customerWebApiService.findCustomerInfo();
  await client.customerWebApiService.findCustomerInfo({}, { signal: AbortSignal.timeout(1000) });
  // @ts-expect-error an operation without fields takes none
  await client.customerWebApiService.findCustomerInfo({ id: 1 });
  // @ts-expect-error a required request cannot be left out
  await client.customerWebApiService.login();
  // @ts-expect-error an unknown field in a call
  await client.customerWebApiService.login({ ...login, extra: 1 });

  // Operations without data resolve with nothing.
  const nothing: void = await client.customerWebApiService.bindEmail({ verifyCode: "1", email: "a@b.c", sendToken: "s" });
  // @ts-expect-error there is no data to read
  const something: string = await client.customerWebApiService.bindEmail({ verifyCode: "1", email: "a@b.c", sendToken: "s" });

  // Same-named operations of two services do not collide.
  const keys: customerApiWebService.PageRequest = { current: 1, size: 10 };
  const customers: whiteCustomerAdminApiService.PageRequest = { customerNo: null };
  await client.customerApiWebService.page(keys);
  await client.whiteCustomerAdminApiService.page(customers);
  // @ts-expect-error the two `page` requests are different types (customerNo is required here)
  await client.whiteCustomerAdminApiService.page(keys);

  // @ts-expect-error an unknown service
  await client.noSuchService.login(login);
  // @ts-expect-error the options take no unknown keys
  await client.customerWebApiService.findCustomerInfo({}, { retries: 3 });

  try {
    await client.customerWebApiService.findCustomerInfo();
  } catch (e) {
    if (e instanceof ApiError) {
      const code: string = e.code;
      const violations: Violation[] = e.violations;
      const data: unknown = e.data;
      const isCode: boolean = e.code === ErrorCode.BIZGEN_VALIDATION;
      console.log(code, violations, data, isCode, e.msg, e.msgParams, e.trace);
    } else if (e instanceof ClientError) {
      const kind: ClientErrorKind = e.kind;
      // @ts-expect-error kinds are a closed set
      const bad: ClientErrorKind = "network";
      console.log(kind, bad);
    }
  }
  console.log(id, idNumber, balance, loginTime, info, nothing, something, redact(login));
}

// @ts-expect-error baseUrl and companyId are required
export const noBase = new Client({ companyId: "360" });
export const full = new Client({
  baseUrl: "https://api.example.com",
  companyId: "360",
  lang: "zh-CN",
  version: "0.0.1",
  token: "t",
  adminToken: "a",
  forwardedFor: "203.0.113.7",
  headers: { deviceId: "d-1" },
  fetch: globalThis.fetch,
  timeoutMs: 5000,
});
// @ts-expect-error header values are strings
export const numericHeader = new Client({ baseUrl: "https://api.example.com", companyId: "360", headers: { deviceId: 1 } });

// Retries, hooks and the logger are client options; the hooks' arguments are typed.
export const watched = new Client({
  baseUrl: "https://api.example.com",
  companyId: "360",
  maxRetries: 5,
  retry: { initialBackoffMs: 100, maxBackoffMs: 2000, jitter: (bound) => bound / 2 },
  onRequest: (info: RequestInfo) => console.log(info.bizType, info.attempt, info.headers["token"]),
  onResponse: (info: ResponseInfo) => console.log(info.status, info.code, info.elapsedMs, info.retryInMs),
  logger: console,
});
// @ts-expect-error maxRetries is a number
export const wrongRetries = new Client({ baseUrl: "https://api.example.com", companyId: "360", maxRetries: "2" });

export async function pagesAndMeta(): Promise<void> {
  // pageAll yields the items of every page, typed.
  for await (const key of client.customerApiWebService.pageAll({ size: 50 }, { maxRetries: 1 })) {
    const item: ApiKey = key;
    // @ts-expect-error an item is an ApiKey, not a page
    console.log(item.records);
  }
  // withMeta(): every operation resolves with a Response around its data.
  const answer: Response<ApiKeyPage> = await client.customerApiWebService.withMeta().page({ current: 2 }, { idempotent: true });
  console.log(answer.status, answer.headers.get("date"), answer.attempts, answer.data.total);
  // @ts-expect-error the withMeta() view has no iterators
  client.customerApiWebService.withMeta().pageAll({});
  // @ts-expect-error only paged operations have an iterator
  client.customerApiWebService.queryApiAll({ id: 1n });
}
