import RCMSCrypto

/// Makes ids for new rows: random, positive and 63 bits wide.
///
/// Ids come from the application rather than a database sequence so both backends, and several
/// servers sharing one database, create rows the same way and ids reveal nothing about volume.
public enum RecordID {
    /// Returns a random id in `1...Int64.max`.
    public static func random() -> Int64 {
        while true {
            let bytes = secureRandomBytes(8)
            let raw = bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let value = Int64(bitPattern: raw & UInt64(Int64.max))
            if value != 0 { return value }
        }
    }
}
