using System.Net;
using System.Text;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace Microneedling.DirectLine.Conversations;

/// <summary>
/// The built-in Direct Line's Connector, in process: the SDK's own <see cref="ConnectorClient"/>
/// (serialisation, reply-to-activity and send-to-conversation calls, response handling) whose HTTP
/// requests are answered by <see cref="Handler"/> without a socket, by appending the bot's activity to
/// the conversation's transcript. Chosen over the SDK posting to a Connector endpoint this host serves
/// over loopback: the same SDK code runs, but a reply costs no HTTP round trip, needs no knowledge of
/// the host's own public URL, and cannot be reached from outside.
/// </summary>
internal sealed class DirectLineConnector(DirectLineConversationStore store, DirectLineAccounts accounts) : ConnectorFactory, IDisposable
{
    /// <summary>The serviceUrl the bot sees on Direct Line turns; nothing listens there (requests never leave the process).</summary>
    public const string ServiceUrl = "https://directline.invalid/";

    private readonly Handler _handler = new(store, accounts);

    public void Dispose() => _handler.Dispose();

    public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
    {
#pragma warning disable CA2000 // The ConnectorClient owns the HttpClient (disposeHttpClient: true); the handler is shared and kept.
        var http = new HttpClient(_handler, disposeHandler: false);
        return Task.FromResult<IConnectorClient>(new ConnectorClient(new Uri(ServiceUrl), MicrosoftAppCredentials.Empty, http, disposeHttpClient: true));
#pragma warning restore CA2000
    }

    /// <summary>
    /// The Connector API's two send calls (<c>POST v3/conversations/{id}/activities[/{replyToId}]</c>):
    /// the activity is stamped as the service stamps what a bot sends (its own account, this
    /// conversation, a fresh id and time), appended, and answered with its id.
    /// </summary>
    private sealed class Handler(DirectLineConversationStore store, DirectLineAccounts accounts) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var segments = request.RequestUri?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
            if (request.Method != HttpMethod.Post || segments is not ["v3", "conversations", var escapedId, "activities", ..] || segments.Length > 5 || request.Content is null)
                return new HttpResponseMessage(HttpStatusCode.NotImplemented) { RequestMessage = request };
            var conversationId = Uri.UnescapeDataString(escapedId);
            var activity = JsonConvert.DeserializeObject<Activity>(await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), DirectLineJson.ActivitySettings);
            if (activity is null || await store.FindAsync(conversationId, cancellationToken).ConfigureAwait(false) is not { } conversation)
                return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };

            activity.ChannelId = DirectLineTurnRunner.ChannelId;
            activity.From = accounts.Bot;
            activity.Conversation = new ConversationAccount(id: conversation.Id);
            activity.ServiceUrl = null;
            activity.CallerId = null;
            var id = await store.AppendAsync(conversation, activity, cancellationToken).ConfigureAwait(false);
            if (id is null) return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StringContent(JsonConvert.SerializeObject(new ResourceResponse(id)), Encoding.UTF8, "application/json"),
            };
        }
    }
}
