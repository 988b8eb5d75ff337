package dev.switchboard.gateway.system;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpResponseDecoderSpec;

import dev.switchboard.gateway.support.GatewayIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's client to the services reads and relays large pieces, and keeps the
 * limits configured for the response headers.
 */
class LargeReadsHttpClientCustomizerTests extends GatewayIntegrationTest {

	@Autowired
	private HttpClient gatewayHttpClient;

	@Test
	void shouldRelayAnswerBodiesInPiecesOfUpToHalfAMebibyte() {
		assertThat(this.gatewayHttpClient.configuration().decoder().maxChunkSize())
			.isEqualTo(LargeReadsHttpClientCustomizer.MAX_READ)
			.isEqualTo(512 * 1024);
		assertThat(this.gatewayHttpClient.configuration().options().get(ChannelOption.RCVBUF_ALLOCATOR))
			.isInstanceOf(AdaptiveRecvByteBufAllocator.class);
	}

	@Test
	void shouldKeepTheHeaderLimitsAlreadyConfigured() {
		HttpClient configured = HttpClient.create()
			.httpResponseDecoder((spec) -> spec.maxHeaderSize(12_345).maxInitialLineLength(678).validateHeaders(false));

		HttpResponseDecoderSpec decoder = new LargeReadsHttpClientCustomizer().customize(configured)
			.configuration()
			.decoder();

		assertThat(decoder.maxHeaderSize()).isEqualTo(12_345);
		assertThat(decoder.maxInitialLineLength()).isEqualTo(678);
		assertThat(decoder.validateHeaders()).isFalse();
		assertThat(decoder.maxChunkSize()).isEqualTo(LargeReadsHttpClientCustomizer.MAX_READ);
	}

}
