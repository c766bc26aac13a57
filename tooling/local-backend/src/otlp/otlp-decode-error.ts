/** Thrown when an OTLP export request cannot be decoded; `message` names the field and the problem. */
export class OtlpDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OtlpDecodeError';
  }
}
