import type { ParsedLanguage } from '../language.js';

/** What a declaration chunk holds. `namespace` covers namespaces, Rust `mod` and Ruby `module`. */
export type DeclarationKind = 'function' | 'method' | 'class' | 'interface' | 'type' | 'enum' | 'namespace' | 'impl';

/** How one grammar spells the things a chunker cares about. Node types absent here are statements. */
export interface LanguageRules {
  /** Node types that declare something, and the kind of chunk they make. */
  readonly declarations: Readonly<Record<string, DeclarationKind>>;
  /** Declarations whose `body` holds members to chunk one by one when the whole is too big. */
  readonly containers: ReadonlySet<string>;
  /** Nodes wrapping a declaration (export, decorators, templates): kind and name come from inside, lines from outside. */
  readonly wrappers: ReadonlySet<string>;
  /** Comment-like nodes that belong to the declaration directly below them (doc comments, decorators, attributes). */
  readonly leading: ReadonlySet<string>;
  /** Conditional-compilation blocks whose children are chunked as siblings when the block is too big. */
  readonly transparent: ReadonlySet<string>;
  /** JavaScript style: `const f = () => {}` and `a.b = function () {}` declare functions too. */
  readonly functionValues?: boolean;
}

const NONE: ReadonlySet<string> = new Set();

const TYPESCRIPT: LanguageRules = {
  declarations: {
    function_declaration: 'function',
    generator_function_declaration: 'function',
    function_signature: 'function',
    class_declaration: 'class',
    abstract_class_declaration: 'class',
    class: 'class',
    interface_declaration: 'interface',
    type_alias_declaration: 'type',
    enum_declaration: 'enum',
    internal_module: 'namespace',
    module: 'namespace',
    method_definition: 'method',
    method_signature: 'method',
    abstract_method_signature: 'method',
  },
  containers: new Set(['class_declaration', 'abstract_class_declaration', 'class', 'interface_declaration', 'internal_module', 'module']),
  // `namespace X {}` parses as an expression statement holding an internal_module.
  wrappers: new Set(['export_statement', 'ambient_declaration', 'expression_statement']),
  leading: new Set(['comment', 'decorator']),
  transparent: NONE,
  functionValues: true,
};

const C: LanguageRules = {
  declarations: {
    function_definition: 'function',
    struct_specifier: 'type',
    union_specifier: 'type',
    enum_specifier: 'enum',
    type_definition: 'type',
  },
  containers: NONE,
  wrappers: NONE,
  leading: new Set(['comment']),
  transparent: new Set(['preproc_ifdef', 'preproc_if', 'preproc_else', 'preproc_elif', 'preproc_elifdef']),
};

const CPP: LanguageRules = {
  declarations: {
    ...C.declarations,
    class_specifier: 'class',
    struct_specifier: 'class',
    namespace_definition: 'namespace',
    linkage_specification: 'namespace',
    alias_declaration: 'type',
    concept_definition: 'type',
  },
  containers: new Set(['class_specifier', 'struct_specifier', 'union_specifier', 'namespace_definition', 'linkage_specification']),
  wrappers: new Set(['template_declaration']),
  leading: C.leading,
  transparent: C.transparent,
};

/** The rules for each parsed language. */
export const RULES: Readonly<Record<ParsedLanguage, LanguageRules>> = {
  typescript: TYPESCRIPT,
  tsx: TYPESCRIPT,
  javascript: TYPESCRIPT,
  python: {
    declarations: { function_definition: 'function', class_definition: 'class' },
    containers: new Set(['class_definition']),
    wrappers: new Set(['decorated_definition']),
    leading: new Set(['comment']),
    transparent: NONE,
  },
  go: {
    declarations: { function_declaration: 'function', method_declaration: 'method', type_declaration: 'type' },
    containers: NONE,
    wrappers: NONE,
    leading: new Set(['comment']),
    transparent: NONE,
  },
  java: {
    declarations: {
      class_declaration: 'class',
      record_declaration: 'class',
      interface_declaration: 'interface',
      annotation_type_declaration: 'interface',
      enum_declaration: 'enum',
      method_declaration: 'method',
      constructor_declaration: 'method',
      compact_constructor_declaration: 'method',
    },
    containers: new Set(['class_declaration', 'record_declaration', 'interface_declaration']),
    wrappers: NONE,
    leading: new Set(['line_comment', 'block_comment']),
    transparent: NONE,
  },
  csharp: {
    declarations: {
      class_declaration: 'class',
      struct_declaration: 'class',
      record_declaration: 'class',
      interface_declaration: 'interface',
      enum_declaration: 'enum',
      delegate_declaration: 'type',
      namespace_declaration: 'namespace',
      method_declaration: 'method',
      constructor_declaration: 'method',
      destructor_declaration: 'method',
      operator_declaration: 'method',
      local_function_statement: 'function',
    },
    containers: new Set(['class_declaration', 'struct_declaration', 'record_declaration', 'interface_declaration', 'namespace_declaration']),
    wrappers: NONE,
    leading: new Set(['comment']),
    transparent: new Set(['preproc_if', 'preproc_region']),
  },
  rust: {
    declarations: {
      function_item: 'function',
      function_signature_item: 'function',
      macro_definition: 'function',
      struct_item: 'type',
      union_item: 'type',
      type_item: 'type',
      enum_item: 'enum',
      trait_item: 'interface',
      impl_item: 'impl',
      mod_item: 'namespace',
    },
    containers: new Set(['impl_item', 'trait_item', 'mod_item']),
    wrappers: NONE,
    leading: new Set(['line_comment', 'block_comment', 'attribute_item']),
    transparent: NONE,
  },
  ruby: {
    declarations: { method: 'function', singleton_method: 'method', class: 'class', singleton_class: 'class', module: 'namespace' },
    containers: new Set(['class', 'singleton_class', 'module']),
    wrappers: NONE,
    leading: new Set(['comment']),
    transparent: NONE,
  },
  php: {
    declarations: {
      function_definition: 'function',
      method_declaration: 'method',
      class_declaration: 'class',
      trait_declaration: 'class',
      interface_declaration: 'interface',
      enum_declaration: 'enum',
      namespace_definition: 'namespace',
    },
    containers: new Set(['class_declaration', 'trait_declaration', 'interface_declaration', 'enum_declaration', 'namespace_definition']),
    wrappers: NONE,
    leading: new Set(['comment']),
    transparent: NONE,
  },
  c: C,
  cpp: CPP,
};
