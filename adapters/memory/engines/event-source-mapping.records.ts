import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSMessageAttributes, SQSRecord } from 'aws-lambda';

const toLambdaAttributes = (attributes: Record<string, MessageAttributeValue> | undefined): SQSMessageAttributes =>
  Object.fromEntries(
    Object.entries(attributes ?? {}).map(([name, a]) => [
      name,
      {
        ...(a.StringValue === undefined ? {} : { stringValue: a.StringValue }),
        ...(a.BinaryValue === undefined ? {} : { binaryValue: Buffer.from(a.BinaryValue).toString('base64') }),
        // Lambda always sends these two (reserved, empty) lists.
        stringListValues: [],
        binaryListValues: [],
        dataType: a.DataType ?? 'String',
      },
    ]),
  );

/** One received SQS message as Lambda presents it in an SQSEvent record. */
export const toSqsRecord = (m: Message, queueArn: string, awsRegion: string): SQSRecord => {
  const a = m.Attributes ?? {};
  return {
    messageId: m.MessageId!,
    receiptHandle: m.ReceiptHandle!,
    body: m.Body!,
    attributes: {
      ApproximateReceiveCount: a.ApproximateReceiveCount!,
      SentTimestamp: a.SentTimestamp!,
      SenderId: a.SenderId!,
      ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp!,
      ...(a.DeadLetterQueueSourceArn === undefined ? {} : { DeadLetterQueueSourceArn: a.DeadLetterQueueSourceArn }),
    },
    messageAttributes: toLambdaAttributes(m.MessageAttributes),
    md5OfBody: m.MD5OfBody!,
    ...(m.MD5OfMessageAttributes === undefined ? {} : { md5OfMessageAttributes: m.MD5OfMessageAttributes }),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion,
  };
};
