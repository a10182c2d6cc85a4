import {
  ColumnDefinitionNode,
  DataTypeNode,
  GeneratedNode,
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/** SQLite's type names in the migrations, and what holds the same values in PostgreSQL. */
const POSTGRES_TYPES: Partial<Record<DataTypeNode['dataType'], DataTypeNode['dataType']>> = {
  // SQLite's integers are 64-bit: millisecond timestamps, byte sizes and ids all need bigint.
  integer: 'bigint',
  blob: 'bytea',
};

class SchemaTranslator extends OperationNodeTransformer {
  protected override transformDataType(node: DataTypeNode): DataTypeNode {
    const translated = POSTGRES_TYPES[node.dataType];
    return translated ? DataTypeNode.create(translated) : node;
  }

  protected override transformColumnDefinition(node: ColumnDefinitionNode): ColumnDefinitionNode {
    const column = super.transformColumnDefinition(node);
    if (!column.autoIncrement) return column;
    // SQLite's AUTOINCREMENT never reuses an id; an identity column does the same. "By
    // default" keeps explicit ids possible, as they are in SQLite.
    return ColumnDefinitionNode.cloneWith(column, { autoIncrement: false, generated: GeneratedNode.create({ byDefault: true, identity: true }) });
  }
}

/**
 * Lets the migrations, written once with SQLite's types, build the same schema in
 * PostgreSQL: `integer` becomes `bigint`, `blob` becomes `bytea`, `autoincrement` becomes
 * an identity column. Only schema statements are touched; queries pass through as they are.
 */
export class PostgresSchemaPlugin implements KyselyPlugin {
  private readonly translator = new SchemaTranslator();

  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (node.kind !== 'CreateTableNode' && node.kind !== 'AlterTableNode') return node;
    return this.translator.transformNode(node);
  }

  transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(result);
  }
}
