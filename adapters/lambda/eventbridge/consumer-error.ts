/** The name is what Lambda reports as errorType and what a DLQ record shows as the reason. */
export class ConsumerError extends Error {
  constructor(kind: string, message: string) {
    super(message);
    this.name = kind;
  }
}
