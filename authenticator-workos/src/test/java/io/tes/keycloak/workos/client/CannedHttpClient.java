package io.tes.keycloak.workos.client;

import java.io.ByteArrayInputStream;

import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpVersion;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.conn.ClientConnectionManager;
import org.apache.http.entity.BasicHttpEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.message.BasicHttpResponse;
import org.apache.http.message.BasicStatusLine;
import org.apache.http.params.HttpParams;
import org.apache.http.protocol.HttpContext;

/**
 * An HTTP client that answers every request with the same canned response, without a socket: what the fuzz tests
 * feed {@link WorkOsHttp}. Counts the requests, so a test can tell a retry from a single call.
 */
final class CannedHttpClient extends CloseableHttpClient {

    private int status = 200;
    private byte[] body = new byte[0];
    private long declaredLength = -1;
    private String retryAfter;
    int requests;

    /** The next answers; a declared length of -1 sends none (chunked), as a streaming server does. */
    CannedHttpClient answer(int status, byte[] body, long declaredLength, String retryAfter) {
        this.status = status;
        this.body = body.clone();
        this.declaredLength = declaredLength;
        this.retryAfter = retryAfter;
        this.requests = 0;
        return this;
    }

    /** The canned body. */
    byte[] body() {
        return body.clone();
    }

    @Override
    protected CloseableHttpResponse doExecute(HttpHost target, HttpRequest request, HttpContext context) {
        requests++;
        Response response = new Response(status);
        BasicHttpEntity entity = new BasicHttpEntity();
        entity.setContent(new ByteArrayInputStream(body));
        entity.setContentLength(declaredLength);
        response.setEntity(entity);
        if (retryAfter != null) {
            response.setHeader("Retry-After", retryAfter);
        }
        return response;
    }

    @Override
    public void close() {
    }

    @Override
    @Deprecated
    public HttpParams getParams() {
        throw new UnsupportedOperationException();
    }

    @Override
    @Deprecated
    public ClientConnectionManager getConnectionManager() {
        throw new UnsupportedOperationException();
    }

    private static final class Response extends BasicHttpResponse implements CloseableHttpResponse {

        Response(int status) {
            super(new BasicStatusLine(HttpVersion.HTTP_1_1, status, null));
        }

        @Override
        public void close() {
        }
    }
}
