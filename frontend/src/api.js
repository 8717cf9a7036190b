// Talking to the server: JSON over fetch with the session cookie, problem details turned into ApiError. Every
// request names the page's language, so problem titles and field messages come back in it.

import { t, currentLanguage } from './i18n.js';

/**
 * A refused request: `status`, the problem's stable `code`, its `detail` and field `errors`; for a login past
 * one of its limits (429), `retryAfter`, the seconds after which the same request would be accepted.
 */
export class ApiError extends Error {
  constructor(status, problem, retryAfter = null) {
    super(problem?.detail || problem?.title || t('error.failed', { status }));
    this.status = status;
    this.code = problem?.code || (status === 0 ? 'network' : 'error');
    this.errors = problem?.errors || [];
    this.retryAfter = retryAfter;
  }

  /**
   * Worth retrying with the same client id: the server may not have seen it, failed on its side, or asked to
   * be sent it again later (429: nothing was done).
   */
  get retryable() {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }

  /** The message to show: the first field error if there is one. */
  get explanation() {
    if (this.errors.length) {
      return this.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    }
    if (this.status === 429 && this.retryAfter) {
      return t('error.tooMany', { count: this.retryAfter });
    }
    return this.message;
  }
}

const signedOutListeners = new Set();

/** Called when the session has ended (any 401). */
export function onSignedOut(listener) {
  signedOutListeners.add(listener);
}

function problem(status, body, retryAfter) {
  const error = new ApiError(status, body, retryAfter);
  if (status === 401) signedOutListeners.forEach((listener) => listener());
  return error;
}

export async function api(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json', 'Accept-Language': currentLanguage() }
        : { Accept: 'application/json', 'Accept-Language': currentLanguage(), 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, { detail: t('error.network') });
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) throw problem(response.status, json, Number(response.headers.get('Retry-After')) || null);
  return json;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body ?? {});
export const patch = (path, body) => api('PATCH', path, body);
export const put = (path, body) => api('PUT', path, body);
export const del = (path) => api('DELETE', path);

/** A fresh id for a create request: the server answers a retry with it with the original (no duplicates). */
export function clientId() {
  return crypto.randomUUID();
}

/**
 * Uploads a file as multipart form data, reporting progress (0..1). XMLHttpRequest, because fetch cannot
 * report upload progress.
 */
export function upload(path, fields, file, onProgress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('file', file, file.name);
    for (const [key, value] of Object.entries(fields)) {
      if (value) form.append(key, value);
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLanguage());
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      let json = null;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch (e) {
        json = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(json);
      } else {
        reject(problem(xhr.status, json));
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, { detail: t('error.uploadInterrupted') })));
    xhr.send(form);
  });
}
