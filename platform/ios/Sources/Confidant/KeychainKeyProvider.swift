// A key provider over the iOS Keychain: a random 256-bit wrapping key kept as
// a generic password (kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly: usable
// by background tasks after the first unlock, never backed up or migrated to
// another device), the data key wrapped with AES-GCM (CryptoKit) with the
// store id as associated data. Apple platforms only; elsewhere use
// KeyProvider.keyFile. Not compiled or tested on Linux (no Security there).
#if canImport(Security) && canImport(CryptoKit)
import CryptoKit
import Foundation
import Security

public final class KeychainKeyWrapper: KeyWrapping, @unchecked Sendable {
    public let kind = "keychain"
    private let service: String
    private let account: String
    private let accessGroup: String?

    /// `accessGroup`: a keychain access group shared with app extensions
    /// (see docs/ios.md, "App extensions and app groups").
    public init(service: String = "com.confidant.store-key", account: String = "default", accessGroup: String? = nil) {
        self.service = service
        self.account = account
        self.accessGroup = accessGroup
    }

    private func query() -> [String: Any] {
        var q: [String: Any] = [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecAttrAccount as String: account,
        ]
        if let accessGroup { q[kSecAttrAccessGroup as String] = accessGroup }
        return q
    }

    private func loadKey(create: Bool) throws -> SymmetricKey {
        var q = query()
        q[kSecReturnData as String] = true
        q[kSecMatchLimit as String] = kSecMatchLimitOne
        var item: CFTypeRef?
        let status = SecItemCopyMatching(q as CFDictionary, &item)
        if status == errSecSuccess, let data = item as? Data, data.count == 32 {
            return SymmetricKey(data: data)
        }
        if status == errSecItemNotFound {
            guard create else { throw ConfidantError.wrongKey("keychain: no wrapping key for \(service)/\(account)") }
            let key = SymmetricKey(size: .bits256)
            var add = query()
            add[kSecValueData as String] = key.withUnsafeBytes { Data($0) }
            add[kSecAttrAccessible as String] = kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
            let added = SecItemAdd(add as CFDictionary, nil)
            guard added == errSecSuccess else { throw ConfidantError.io("keychain: SecItemAdd failed (\(added))") }
            return key
        }
        // errSecInteractionNotAllowed: the device has not been unlocked since boot.
        throw ConfidantError.io("keychain: SecItemCopyMatching failed (\(status))")
    }

    public func wrap(dataKey: [UInt8], context: [UInt8]) throws -> [UInt8] {
        let sealed = try AES.GCM.seal(dataKey, using: try loadKey(create: true), authenticating: context)
        guard let combined = sealed.combined else { throw ConfidantError.internal("keychain: AES-GCM seal") }
        return Array(combined)
    }

    public func unwrap(wrapped: [UInt8], context: [UInt8]) throws -> [UInt8] {
        let key = try loadKey(create: false)
        do {
            let box = try AES.GCM.SealedBox(combined: wrapped)
            return Array(try AES.GCM.open(box, using: key, authenticating: context))
        } catch {
            throw ConfidantError.wrongKey("keychain: the wrapped key does not authenticate under this device's key")
        }
    }

    public func destroyKey() throws {
        let status = SecItemDelete(query() as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else {
            throw ConfidantError.io("keychain: SecItemDelete failed (\(status))")
        }
    }
}

extension KeyProvider {
    /// The iOS provider: a wrapping key in the Keychain (see KeychainKeyWrapper).
    public static func keychain(service: String = "com.confidant.store-key", account: String = "default",
                                accessGroup: String? = nil) throws -> KeyProvider
    {
        try custom(KeychainKeyWrapper(service: service, account: account, accessGroup: accessGroup))
    }
}
#endif
