// Lints libs/contracts/openapi.json with Spectral's OpenAPI rules and the OWASP API Security
// ruleset (`npm run lint:openapi`, run by CI). Every rule that is switched off or narrowed below is
// an accepted exception, with the reason next to it.
import owasp from '@stoplight/spectral-owasp-ruleset';
import { oas } from '@stoplight/spectral-rulesets';

/** What clients send: request bodies and parameters (schemas resolved). */
const INPUTS = ['$.paths[*][*].requestBody.content[*].schema', '$.paths[*][*].parameters[*].schema'];
const ofType = (type) => INPUTS.map((input) => `${input}..[?(@ && @.type == "${type}")]`);

/** An OWASP rule applied to inputs only. */
const onInputs = (name, type) => ({ ...owasp.rules[name], given: ofType(type) });

export default {
  extends: [oas, owasp],
  rules: {
    // API4 (resource consumption) limits protect the server from what it is sent. They hold on
    // every input; response schemas describe what the API itself produces, so they are exempt.
    'owasp:api4:2023-string-limit': 'off',
    'owasp:api4:2023-array-limit': 'off',
    'marquee:inputs-string-limit': onInputs('owasp:api4:2023-string-limit', 'string'),
    'marquee:inputs-array-limit': onInputs('owasp:api4:2023-array-limit', 'array'),
    // Integers carry their format (int32, int64) everywhere: a Java, Go or C# client picks its type
    // from it. Their range, like strings' lengths, is a limit on inputs.
    'owasp:api4:2023-integer-limit': 'off',
    'owasp:api4:2023-integer-limit-legacy': 'off',
    'marquee:inputs-integer-limit': onInputs('owasp:api4:2023-integer-limit-legacy', 'integer'),
    // Free text (names, descriptions, search terms, passwords) has no pattern; its length is limited.
    'owasp:api4:2023-string-restricted': 'off',

    // Rate limits are per route (logins, registrations, refreshes) and answer 429 with Retry-After;
    // the per-address limit on every route is off unless RATE_LIMIT_GLOBAL is set, because a
    // gateway usually does that job (DESIGN §4). No RateLimit-* headers are sent.
    'owasp:api4:2023-rate-limit': 'off',
    'owasp:api4:2023-rate-limit-responses-429': 'off',

    // Ids are positive integers by design (DESIGN §3–4). Guessing one gains nothing: every record is
    // checked against its owner or a permission (another customer's booking is a 404), which the
    // authorization matrix proves for every operation.
    'owasp:api1:2023-no-numeric-ids': 'off',

    // CORS answers depend on the deployment (CORS_ORIGINS) and on the request's Origin: the
    // Access-Control-* headers are not part of any one operation's contract.
    'owasp:api8:2023-define-cors-origin': 'off',

    // Public operations never answer 401: a public route ignores the Authorization header.
    'owasp:api8:2023-define-error-responses-401': 'off',
    // Operations without parameters or a body (GET /api/auth/me, /api/roles, health) have nothing to refuse with a 400.
    'owasp:api8:2023-define-error-validation': 'off',
    // Free-form by nature: an audit entry's before/after values (whichever fields the action
    // touched) and the readiness check's per-dependency details (@nestjs/terminus).
    'owasp:api3:2023-no-additionalProperties': 'off',
    'owasp:api3:2023-constrained-additionalProperties': 'off',

    // Every operation has a summary (its doc comment); a description would repeat it.
    'operation-description': 'off',
    // The API is served from whatever origin it is deployed at; clients set their base URL.
    'oas3-api-servers': 'off',
  },
};
