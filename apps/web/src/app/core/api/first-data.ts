import { type HttpInterceptorFn, HttpResponse } from '@angular/common/http';
import { ApplicationRef, inject, provideAppInitializer } from '@angular/core';
import { from, of, switchMap } from 'rxjs';

declare global {
  interface Window {
    /** The first page's API answers by URL, asked for by public/first-data.js while the app loaded. */
    marqueeFirstData?: Record<string, Promise<Response>>;
  }
}

/** The early answer to `url`, once: later requests for it go to the API. */
function takeEarlyAnswer(url: string): Promise<Response> | undefined {
  const answers = window.marqueeFirstData;
  const answer = answers?.[url];
  if (answers && answer) delete answers[url];
  return answer;
}

/**
 * A GET the first page makes is answered with what first-data.js already asked for (the same URL),
 * when that succeeded; otherwise, and for every other request, the request goes out as usual.
 */
export const firstDataInterceptor: HttpInterceptorFn = (request, next) => {
  const early = request.method === 'GET' && request.responseType === 'json' ? takeEarlyAnswer(request.urlWithParams) : undefined;
  if (!early) return next(request);
  const body = early
    .then((response) => (response.ok ? response.json().then((json: unknown) => ({ status: response.status, json })) : null))
    .catch(() => null);
  return from(body).pipe(
    switchMap((answer) =>
      answer ? of(new HttpResponse({ status: answer.status, body: answer.json, url: request.urlWithParams })) : next(request),
    ),
  );
};

/** Early answers the first page did not take are dropped once it has rendered: later pages ask afresh. */
export function provideFirstData() {
  return provideAppInitializer(() => {
    void inject(ApplicationRef)
      .whenStable()
      .then(() => delete window.marqueeFirstData);
  });
}
