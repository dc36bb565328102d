import { HttpClient, type HttpContext } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ApiConfiguration, type StrictHttpResponse } from '@marquee/contracts/client';
import { firstValueFrom, type Observable } from 'rxjs';

/** The shape of every function ng-openapi-gen writes into libs/contracts/src/client/fn. */
export type ApiFn<P, R> = (http: HttpClient, rootUrl: string, params: P, context?: HttpContext) => Observable<StrictHttpResponse<R>>;

/** Calls the generated client's functions and answers the body. */
@Injectable({ providedIn: 'root' })
export class ApiClient {
  private readonly http = inject(HttpClient);
  private readonly config = inject(ApiConfiguration);

  call<P, R>(fn: ApiFn<P, R>, params: P): Promise<R> {
    return firstValueFrom(fn(this.http, this.config.rootUrl, params)).then((response) => response.body);
  }
}
