import type { DeclaredDifference } from '../scenario';

/** The one deliberate difference on every successful create of an article. */
export const CREATE_SENDS_LOCATION: DeclaredDifference = {
  what: ['header:location'],
  reason: "DRF's get_success_headers sends Location only when the serializer has a url field (this one has none); the snippet always sends it",
  snippet: 'drf-model-viewset',
  says: 'create always sends Location',
};

/** For creates that may fail validation on both sides (then neither sends Location). */
export const CREATE_MAY_SEND_LOCATION: DeclaredDifference = { ...CREATE_SENDS_LOCATION, sometimes: true };

/** OPTIONS where the user may POST or PUT: DRF adds SimpleMetadata's per-field actions, the port does not. */
export const OPTIONS_WITHOUT_ACTIONS: DeclaredDifference = {
  what: ['body.actions'],
  reason:
    'SimpleMetadata adds actions.POST/PUT, field metadata introspected from the model and serializer (labels, help_text, nested read-only serializers); the zod schemas hold only the writable input, so the port describes fields in its OpenAPI schema instead',
  snippet: 'drf-exceptions',
  says: 'no actions',
};
