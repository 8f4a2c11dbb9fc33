using System.Security.Cryptography;
using System.Text;
using Microneedling.BotFramework.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace Microneedling.DirectLine.Tokens;

/// <summary>
/// The HMAC key that signs Direct Line tokens: <c>DirectLine:TokenKey</c> when configured, otherwise
/// a random 256-bit key created on the first run and kept in the bot's storage (next to the state),
/// so tokens issued before a restart stay valid.
/// </summary>
internal sealed class DirectLineSigningKey : IDisposable
{
    internal const string StorageKey = "directline:signing-key";

    private readonly IStorage _storage;
    private readonly byte[]? _configured;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    public DirectLineSigningKey(IStorage storage, IOptions<DirectLineOptions> options)
    {
        _storage = storage;
        if (options.Value.TokenKey is { Length: > 0 } configured) _configured = Encoding.UTF8.GetBytes(configured);
    }

    public async ValueTask<byte[]> GetAsync(CancellationToken cancellationToken)
    {
        if (_configured is not null) return _configured;
        if (_key is not null) return _key;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _key ??= await LoadOrCreateAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<byte[]> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        if (await ReadAsync(cancellationToken).ConfigureAwait(false) is { } existing) return existing;
        var created = RandomNumberGenerator.GetBytes(32);
        try
        {
            // Create-only: a key another process stored meanwhile must never be overwritten (its tokens would all fail).
            await _storage.WriteAsync(
                new Dictionary<string, object> { [StorageKey] = new SigningKeyRecord { Key = Convert.ToBase64String(created) } },
                cancellationToken).ConfigureAwait(false);
            return created;
        }
        catch (StorageConcurrencyException)
        {
            // Another process created the key first: everyone uses the winner's.
            return await ReadAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The Direct Line signing key was created and then removed from storage.");
        }
    }

    private async Task<byte[]?> ReadAsync(CancellationToken cancellationToken)
    {
        var items = await _storage.ReadAsync([StorageKey], cancellationToken).ConfigureAwait(false);
        return items.TryGetValue(StorageKey, out var item) && StoredJson.As<SigningKeyRecord>(item)?.Key is { Length: > 0 } text
            ? Convert.FromBase64String(text)
            : null;
    }

    /// <summary>The stored key (base64); no ETag when written, so it is created only if none exists.</summary>
    private sealed class SigningKeyRecord : IStoreItem
    {
        [JsonProperty("key")]
        public string? Key { get; set; }

        [JsonProperty("eTag", NullValueHandling = NullValueHandling.Ignore)]
        public string? ETag { get; set; }
    }
}
