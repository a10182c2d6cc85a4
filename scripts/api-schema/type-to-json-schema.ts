import ts from 'typescript';

/** A JSON Schema (draft 2020-12, as OpenAPI 3.1 reads it), plain data ready for `JSON.stringify`. */
export type JsonSchema = { [key: string]: unknown };

/** Where named types are kept in the OpenAPI document, so `$ref`s resolve there. */
export const SCHEMA_REF_PREFIX = '#/components/schemas/';

/**
 * Turns the TypeScript types of results into JSON Schemas, the way the compiler sees them
 * (aliases resolved, intersections merged, optional properties not required). A named type
 * (an interface or a type alias without type arguments) becomes one shared schema that others
 * `$ref`, which also keeps recursive types finite. JSON cannot carry functions, bigints or
 * symbols: a result type holding one is an error in the contract, so it throws.
 */
export class TypeToJsonSchema {
  /** Named schemas by name, in the order first met; read after converting every result. */
  readonly named = new Map<string, JsonSchema>();
  private readonly nameOfType = new Map<ts.Type, string>();

  /** `reserved`: names the document already uses for schemas of its own (ApiError, Failure). */
  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly reserved: readonly string[],
  ) {}

  convert(type: ts.Type, where: string): JsonSchema {
    const name = this.nameFor(type);
    if (!name) return this.describe(type, where);
    if (!this.nameOfType.has(type)) {
      this.nameOfType.set(type, name);
      this.named.set(name, {}); // a placeholder first, so a type that refers to itself ends
      const symbol = type.aliasSymbol ?? type.getSymbol();
      const doc = symbol ? this.documentation(symbol) : '';
      this.named.set(name, { ...this.describe(type, name), ...(doc && { description: doc }) });
    }
    return { $ref: SCHEMA_REF_PREFIX + name };
  }

  private describe(type: ts.Type, where: string): JsonSchema {
    const flags = type.flags;
    if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (flags & ts.TypeFlags.Null) return { type: 'null' };
    if (flags & ts.TypeFlags.String) return { type: 'string' };
    if (flags & ts.TypeFlags.Number) return { type: 'number' };
    if (flags & ts.TypeFlags.Boolean) return { type: 'boolean' };
    if (type.isStringLiteral() || type.isNumberLiteral()) return { const: type.value };
    if (flags & ts.TypeFlags.BooleanLiteral) return { const: this.checker.typeToString(type) === 'true' };
    if (type.isUnion()) return this.union(type, where);
    if (this.checker.isTupleType(type)) return this.tuple(type as ts.TypeReference, where);
    if (this.checker.isArrayType(type)) {
      const [item] = this.checker.getTypeArguments(type as ts.TypeReference);
      return { type: 'array', items: this.convert(item!, `${where}[]`) };
    }
    if (flags & ts.TypeFlags.Object || type.isIntersection()) return this.object(type, where);
    throw new Error(`${where}: ${this.checker.typeToString(type)} cannot travel as JSON`);
  }

  private union(type: ts.UnionType, where: string): JsonSchema {
    // `undefined` only says a property may be left out, which `required` already tells.
    const members = type.types.filter((member) => !(member.flags & ts.TypeFlags.Undefined));
    const booleans = members.filter((member) => member.flags & ts.TypeFlags.BooleanLiteral);
    const rest = booleans.length === 2 ? members.filter((member) => !booleans.includes(member)) : members;
    const schemas = [...(booleans.length === 2 ? [{ type: 'boolean' }] : []), ...rest.map((member) => this.convert(member, where))];
    if (schemas.length === 1) return schemas[0]!;
    if (schemas.every((schema) => 'const' in schema && Object.keys(schema).length === 1)) return { enum: schemas.map((schema) => schema.const) };
    return { anyOf: schemas };
  }

  private tuple(type: ts.TypeReference, where: string): JsonSchema {
    const target = type.target as ts.TupleType;
    const items = this.checker.getTypeArguments(type).map((item, index) => this.convert(item, `${where}[${index}]`));
    const required = target.elementFlags.filter((flag) => flag & ts.ElementFlags.Required).length;
    if (target.hasRestElement) throw new Error(`${where}: a tuple with a rest element is not described`);
    return { type: 'array', prefixItems: items, minItems: required, maxItems: items.length };
  }

  private object(type: ts.Type, where: string): JsonSchema {
    if (this.checker.getSignaturesOfType(type, ts.SignatureKind.Call).length > 0) {
      throw new Error(`${where}: a function cannot travel as JSON`);
    }
    const properties: JsonSchema = {};
    const required: string[] = [];
    for (const property of this.checker.getPropertiesOfType(type)) {
      const propertyType = this.checker.getTypeOfSymbol(property);
      const doc = this.documentation(property);
      const schema = this.convert(propertyType, `${where}.${property.name}`);
      properties[property.name] = doc ? { ...schema, description: doc } : schema;
      if (!(property.flags & ts.SymbolFlags.Optional)) required.push(property.name);
    }
    const [index] = this.checker.getIndexInfosOfType(type);
    return {
      type: 'object',
      ...(required.length > 0 && { required }),
      ...(Object.keys(properties).length > 0 && { properties }),
      ...(index && { additionalProperties: this.convert(index.type, `${where}[key]`) }),
    };
  }

  /** The name a type is shared under, or undefined to write it in place. */
  private nameFor(type: ts.Type): string | undefined {
    const known = this.nameOfType.get(type);
    if (known) return known;
    const isGenericInstance = (type.aliasTypeArguments?.length ?? 0) > 0;
    let name: string | undefined;
    if (type.aliasSymbol && !isGenericInstance) name = type.aliasSymbol.name;
    else if (!type.aliasSymbol && type.flags & ts.TypeFlags.Object && type.getSymbol()?.flags && type.getSymbol()!.flags & ts.SymbolFlags.Interface) {
      const isInstance =
        ((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) !== 0 && this.checker.getTypeArguments(type as ts.TypeReference).length > 0;
      if (!isInstance && !this.checker.isArrayType(type)) name = type.getSymbol()!.name;
    }
    if (!name) return undefined;
    // Two different types of one name (from different modules) are kept apart by a number.
    let unique = name;
    for (let n = 2; this.named.has(unique) || this.reserved.includes(unique); n++) unique = `${name}${n}`;
    return unique;
  }

  private documentation(symbol: ts.Symbol): string {
    return ts.displayPartsToString(symbol.getDocumentationComment(this.checker)).trim();
  }
}
