package dev.switchboard.random.draw;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link RandomDraws} and {@link SplitMix64}: bounds over many draws, the
 * distributions roughly right, and seeds reproducible to the bit.
 */
class RandomDrawsTests {

	@Test
	void shouldProduceTheSequenceOfSplittableRandom() {
		SplitMix64 ours = new SplitMix64(-7);
		SplittableRandom jdk = new SplittableRandom(-7);
		for (int i = 0; i < 10_000; i++) {
			assertThat(ours.nextLong()).isEqualTo(jdk.nextLong());
		}
	}

	@Test
	void shouldKeepTheDocumentedValuesOfASeed() {
		// pinned: changing any derivation changes what every user's seed gives
		RandomDraws draws = RandomDraws.forNumbers(42L);
		assertThat(LongStream.generate(() -> draws.between(0, 100)).limit(5).toArray()).containsExactly(23, 63, 43, 5,
				42);
		assertThat(RandomDraws.forNumbers(1L).unit()).isEqualTo(0.5665615751722809);
		assertThat(RandomDraws.forSecrets(1L).uuid())
			.isEqualTo(UUID.fromString("910a2dec-8902-4cc1-beeb-8da1658eec67"));
	}

	@Test
	void shouldGiveTheSameValuesForTheSameSeedAndOthersForAnotherSeed() {
		assertThat(ints(RandomDraws.forNumbers(7L), 0, 1_000_000, 100))
			.isEqualTo(ints(RandomDraws.forNumbers(7L), 0, 1_000_000, 100));
		assertThat(ints(RandomDraws.forNumbers(7L), 0, 1_000_000, 100))
			.isNotEqualTo(ints(RandomDraws.forNumbers(8L), 0, 1_000_000, 100));
		assertThat(RandomDraws.forSecrets(7L).bytes(33)).isEqualTo(RandomDraws.forSecrets(7L).bytes(33));
		assertThat(RandomDraws.forSecrets(7L).string(20, "abc".codePoints().toArray()))
			.isEqualTo(RandomDraws.forSecrets(7L).string(20, "abc".codePoints().toArray()));
	}

	@Test
	void shouldDrawDifferentValuesWithoutASeed() {
		assertThat(ints(RandomDraws.forNumbers(null), 0, Integer.MAX_VALUE, 20))
			.isNotEqualTo(ints(RandomDraws.forNumbers(null), 0, Integer.MAX_VALUE, 20));
		assertThat(RandomDraws.forSecrets(null).uuid()).isNotEqualTo(RandomDraws.forSecrets(null).uuid());
	}

	@Test
	void shouldStayWithinInclusiveBoundsAndReachBoth() {
		RandomDraws draws = RandomDraws.forNumbers(1L);
		List<Long> values = ints(draws, -3, 3, 10_000);
		assertThat(values).allMatch((value) -> value >= -3 && value <= 3);
		assertThat(values.stream().distinct().sorted()).containsExactly(-3L, -2L, -1L, 0L, 1L, 2L, 3L);
		assertThat(ints(draws, 5, 5, 100)).containsOnly(5L);
	}

	@Test
	void shouldDrawEachValueOfASmallRangeAboutEquallyOften() {
		int[] counts = new int[6];
		RandomDraws draws = RandomDraws.forNumbers(3L);
		for (int i = 0; i < 60_000; i++) {
			counts[(int) draws.between(0, 5)]++;
		}
		assertThat(Arrays.stream(counts).boxed()).allMatch((count) -> count > 9_500 && count < 10_500);
	}

	@Test
	void shouldCoverTheWholeIntAndLongRangesWithoutOverflow() {
		RandomDraws draws = RandomDraws.forNumbers(11L);
		List<Long> ints = ints(draws, Integer.MIN_VALUE, Integer.MAX_VALUE, 10_000);
		assertThat(ints).allMatch((value) -> value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE);
		assertThat(ints).anyMatch((value) -> value < -1_000_000_000).anyMatch((value) -> value > 1_000_000_000);
		List<Long> longs = ints(draws, Long.MIN_VALUE, Long.MAX_VALUE, 10_000);
		assertThat(longs).anyMatch((value) -> value < Long.MIN_VALUE / 2)
			.anyMatch((value) -> value > Long.MAX_VALUE / 2);
		List<Long> top = ints(draws, Long.MAX_VALUE - 1, Long.MAX_VALUE, 1_000);
		assertThat(top.stream().distinct().sorted()).containsExactly(Long.MAX_VALUE - 1, Long.MAX_VALUE);
	}

	@Test
	void shouldDrawFloatsInHalfOpenIntervals() {
		RandomDraws draws = RandomDraws.forNumbers(5L);
		double sum = 0;
		for (int i = 0; i < 100_000; i++) {
			double unit = draws.unit();
			assertThat(unit).isGreaterThanOrEqualTo(0).isLessThan(1);
			sum += unit;
			assertThat(draws.between(-2.5, 7.5)).isGreaterThanOrEqualTo(-2.5).isLessThan(7.5);
			assertThat(draws.between(-Double.MAX_VALUE, Double.MAX_VALUE)).isFinite();
			assertThat(draws.between(1.0, Math.nextUp(1.0))).isEqualTo(1.0);
		}
		assertThat(sum / 100_000).isCloseTo(0.5, within(0.01));
	}

	@Test
	void shouldDrawGaussiansWithTheAskedMeanAndDeviation() {
		RandomDraws draws = RandomDraws.forNumbers(9L);
		double[] values = IntStream.range(0, 200_000).mapToDouble((i) -> draws.gaussian(170, 10)).toArray();
		double mean = Arrays.stream(values).average().orElseThrow();
		double variance = Arrays.stream(values).map((value) -> (value - mean) * (value - mean)).average().orElseThrow();
		assertThat(mean).isCloseTo(170, within(0.1));
		assertThat(Math.sqrt(variance)).isCloseTo(10, within(0.1));
		assertThat(Arrays.stream(values).filter((value) -> Math.abs(value - 170) < 10).count() / 200_000.0)
			.isCloseTo(0.6827, within(0.01));
	}

	@Test
	void shouldMakeVersion4Uuids() {
		RandomDraws draws = RandomDraws.forSecrets(null);
		Set<UUID> uuids = new HashSet<>();
		for (int i = 0; i < 1_000; i++) {
			UUID uuid = draws.uuid();
			assertThat(uuid.version()).isEqualTo(4);
			assertThat(uuid.variant()).isEqualTo(2);
			uuids.add(uuid);
		}
		assertThat(uuids).hasSize(1_000);
	}

	@Test
	void shouldFillEveryByteAndUseTheAlphabetOnly() {
		RandomDraws draws = RandomDraws.forSecrets(2L);
		for (int size : new int[] { 1, 7, 8, 9, 1000 }) {
			assertThat(draws.bytes(size)).hasSize(size);
		}
		int[] seen = new int[256];
		for (byte value : draws.bytes(100_000)) {
			seen[value & 0xff]++;
		}
		assertThat(Arrays.stream(seen).boxed()).allMatch((count) -> count > 250);
		String text = draws.string(5_000, "aé😀".codePoints().toArray());
		assertThat(text.codePointCount(0, text.length())).isEqualTo(5_000);
		assertThat(text.codePoints().distinct().sorted().toArray()).containsExactly('a', 'é', 0x1F600);
	}

	@Test
	void shouldShuffleIntoEveryOrderAndPickDistinctItems() {
		RandomDraws draws = RandomDraws.forNumbers(4L);
		List<String> items = List.of("a", "b", "c");
		Set<List<String>> orders = new HashSet<>();
		for (int i = 0; i < 600; i++) {
			List<String> shuffled = draws.pick(items, 3);
			assertThat(shuffled).containsExactlyInAnyOrderElementsOf(items);
			orders.add(shuffled);
		}
		assertThat(orders).hasSize(6);
		List<String> many = IntStream.range(0, 100).mapToObj(Integer::toString).toList();
		assertThat(draws.pick(many, 10)).hasSize(10).doesNotHaveDuplicates().isSubsetOf(many);
		assertThat(draws.pick(List.of("only"), 1)).containsExactly("only");
	}

	private static List<Long> ints(RandomDraws draws, long min, long max, int count) {
		return LongStream.generate(() -> draws.between(min, max)).limit(count).boxed().toList();
	}

}
