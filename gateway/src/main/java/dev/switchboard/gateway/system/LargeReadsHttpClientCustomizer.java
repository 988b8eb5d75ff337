package dev.switchboard.gateway.system;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpResponseDecoderSpec;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.stereotype.Component;

/**
 * Lets the gateway relay a service's answer body in large pieces. By default Netty reads
 * at most 64 KiB from a service's connection at a time and its HTTP decoder cuts what it
 * read into 8 KiB pieces, each of which then travels alone through Reactor and Spring to
 * the client's connection: a 1 GiB download was 131,072 such trips. Here one read takes
 * whatever the socket holds, up to {@value #MAX_READ} bytes, and goes on whole (and
 * {@code GatewayApplication} keeps few of them in flight toward a slow client).
 * <p>
 * The other settings of the decoder (header and initial-line limits from
 * {@code spring.cloud.gateway.server.webflux.httpclient.*}) are kept as they are.
 */
@Component
class LargeReadsHttpClientCustomizer implements HttpClientCustomizer {

	/** The largest read from a service's connection, and the largest piece relayed. */
	static final int MAX_READ = 512 * 1024;

	@Override
	public HttpClient customize(HttpClient httpClient) {
		HttpResponseDecoderSpec current = httpClient.configuration().decoder();
		return httpClient.option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64, 2048, MAX_READ))
			.httpResponseDecoder((spec) -> spec.maxInitialLineLength(current.maxInitialLineLength())
				.maxHeaderSize(current.maxHeaderSize())
				.validateHeaders(current.validateHeaders())
				.initialBufferSize(current.initialBufferSize())
				.allowDuplicateContentLengths(current.allowDuplicateContentLengths())
				.h2cMaxContentLength(current.h2cMaxContentLength())
				.allowPartialChunks(current.allowPartialChunks())
				.maxDecompressionBufferSize(current.maxDecompressionBufferSize())
				.maxChunkSize(MAX_READ));
	}

}
