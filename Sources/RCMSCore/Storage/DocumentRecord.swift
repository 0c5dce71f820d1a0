/// A document in a case, such as a passport copy or a birth certificate, with its field values.
public struct DocumentRecord: Sendable, Hashable {
    /// One field of the document as entered.
    public struct FieldValue: Sendable, Hashable {
        /// Field id from the document type in the tenant configuration.
        public var fieldID: String
        /// The value as text: dates as `YYYY-MM-DD`, partial dates as `YYYY` or `YYYY-MM`.
        public var value: String
        /// Whether the other party may see this value.
        public var shared: Bool

        public init(fieldID: String, value: String, shared: Bool) {
            self.fieldID = fieldID
            self.value = value
            self.shared = shared
        }
    }

    public var id: Int64
    public var caseID: Int64
    /// Document type id from the tenant configuration.
    public var documentTypeID: String
    /// Field values ordered by field id.
    public var fields: [FieldValue]

    public init(id: Int64, caseID: Int64, documentTypeID: String, fields: [FieldValue] = []) {
        self.id = id
        self.caseID = caseID
        self.documentTypeID = documentTypeID
        self.fields = fields.sorted { $0.fieldID < $1.fieldID }
    }
}
