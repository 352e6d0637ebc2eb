import * as eventschemas from 'aws-cdk-lib/aws-eventschemas';
import { Construct } from 'constructs';
import { type EventType, eventCatalog, eventJsonSchemas } from '#domain/events.ts';
import { DRAFT4, toDraft4 } from '../json-schema-draft4.ts';

/** Registry name of an event's schema, as EventBridge discovery would name it. */
export const schemaNameOf = (type: EventType): string => `${eventCatalog[type].source}@${type}`;

/**
 * The `detail` of an Orderly event on the bus (adapters/eventbridge/envelope.ts): metadata + the event's own data.
 * The registry's types are `OpenApi3` and `JSONSchemaDraft4`; the data schemas are 2020-12, hence the conversion.
 */
export const detailSchemaOf = (type: EventType, dataSchema: unknown): Record<string, unknown> => {
  const { $schema: _, ...data } = toDraft4(dataSchema);
  return {
    $schema: DRAFT4,
    title: type,
    description: `${eventCatalog[type].source} ${type}, version ${eventCatalog[type].version}: Detail = { metadata, data }`,
    type: 'object',
    properties: {
      metadata: {
        type: 'object',
        properties: {
          id: { type: 'string', minLength: 1 },
          version: { type: 'integer', minimum: 1 },
          correlationId: { type: 'string', minLength: 1 },
          causationId: { type: 'string', minLength: 1 },
          occurredAt: { type: 'string', format: 'date-time' },
        },
        required: ['id', 'version', 'correlationId', 'causationId', 'occurredAt'],
      },
      data,
    },
    required: ['metadata', 'data'],
  };
};

/** One registry, one schema per event type of the catalog (a new event type is a new schema, no edit here). */
export class SchemaRegistry extends Construct {
  readonly registry: eventschemas.CfnRegistry;
  readonly schemas: ReadonlyMap<EventType, eventschemas.CfnSchema>;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.registry = new eventschemas.CfnRegistry(this, 'Registry', {
      description: 'Orderly event schemas (detail = { metadata, data })',
    });
    const schemas = new Map<EventType, eventschemas.CfnSchema>();
    for (const [type, dataSchema] of Object.entries(eventJsonSchemas()) as [EventType, unknown][]) {
      schemas.set(
        type,
        new eventschemas.CfnSchema(this, type, {
          registryName: this.registry.attrRegistryName,
          schemaName: schemaNameOf(type),
          type: 'JSONSchemaDraft4',
          content: JSON.stringify(detailSchemaOf(type, dataSchema)),
          description: `${type} (${eventCatalog[type].source})`,
        }),
      );
    }
    this.schemas = schemas;
  }
}
